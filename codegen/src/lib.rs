//! Generates typed Rust bindings from the Microsoft Graph reference docs.
//!
//! The pipeline has one module per phase: [`parse`] reads markdown pages, [`ir`] resolves
//! them into one typed model, [`emit`] writes Rust from that model, and [`diag`] explains
//! what was wrong in the docs along the way.

#[cfg(feature = "mimalloc")]
pub mod allocator;
pub mod cli;
pub mod config;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod parse;
pub mod source;
mod threads;
pub mod write;

pub use config::Config;
