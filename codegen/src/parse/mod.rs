//! Phase one: docs pages to [`page::Page`]s, with every piece located by byte span.

pub mod annotation;
pub mod front_matter;
pub mod http;
pub mod inheritance;
pub mod json;
pub mod markdown;
pub mod page;
pub mod table;
