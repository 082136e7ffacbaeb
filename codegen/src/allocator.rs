//! mimalloc as a global allocator, for the `codegen` command, its benches, and any build
//! script that wants it: `#[global_allocator] static A: codegen::allocator::Mimalloc =
//! codegen::allocator::Mimalloc;` (feature `mimalloc`, on by default).
//!
//! `mimalloc::MiMalloc` asks for an aligned block on every call. mimalloc's aligned entry
//! point takes about 47 instructions a call here where the plain one takes about half that,
//! and `generate` allocates eleven million times; a block of a layout whose alignment is at
//! most 16 and at most its size is aligned anyway, as mimalloc's own aligned path knows
//! (`mi_malloc_is_naturally_aligned`), so such layouts take the plain calls.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};

/// The alignment that every mimalloc block of at least that size has (`MI_MAX_ALIGN_SIZE`,
/// C's `max_align_t`).
const NATURAL_ALIGN: usize = 16;

/// Whether a plain block of `size` bytes has the alignment `align`.
fn naturally_aligned(size: usize, align: usize) -> bool {
    align <= NATURAL_ALIGN && align <= size
}

/// The global allocator: mimalloc, built without transparent huge pages (see
/// `Cargo.toml`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Mimalloc;

/// mimalloc's entry point for plain blocks, and for blocks of a given alignment.
type Plain = unsafe extern "C" fn(usize) -> *mut std::ffi::c_void;
type Aligned = unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void;

/// A block of `layout` from `plain` when a plain block has its alignment, else from
/// `aligned`.
///
/// # Safety
/// As [`GlobalAlloc::alloc`]: `layout` has a non-zero size.
#[inline]
unsafe fn block(layout: Layout, plain: Plain, aligned: Aligned) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: a non-zero size and a power-of-two alignment, as a `Layout` has.
    unsafe {
        match naturally_aligned(size, align) {
            true => plain(size),
            false => aligned(size, align),
        }
    }
    .cast()
}

// SAFETY: every call hands mimalloc what `GlobalAlloc` promises (a non-zero size, a
// power-of-two alignment, a pointer it gave out with this layout) and asks for the layout's
// alignment whenever a plain block would not have it.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe { block(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe { block(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: see the impl; mimalloc frees aligned and plain blocks alike.
        unsafe { mi::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: see the impl.
        unsafe {
            match naturally_aligned(new_size, align) {
                true => mi::mi_realloc(ptr.cast(), new_size),
                false => mi::mi_realloc_aligned(ptr.cast(), new_size, align),
            }
        }
        .cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of many sizes and alignments, grown and shrunk, keep their alignment and
    /// their bytes.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Mimalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 15, 16, 24, 40, 48, 100, 1000, 5000, 70_000] {
                // Sizes below the alignment too: a `Layout` may have them.
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: a non-zero layout; each pointer is freed once, with its layout.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                    std::ptr::write_bytes(p, 0xab, layout.size());
                    let grown = a.realloc(p, layout, layout.size() * 3);
                    assert_eq!(
                        grown as usize % align,
                        0,
                        "grown: size {size}, align {align}"
                    );
                    assert!((0..layout.size()).all(|i| *grown.add(i) == 0xab));
                    let big = Layout::from_size_align(layout.size() * 3, align).unwrap();
                    let shrunk = a.realloc(grown, big, layout.size());
                    assert_eq!(
                        shrunk as usize % align,
                        0,
                        "shrunk: size {size}, align {align}"
                    );
                    assert!((0..layout.size()).all(|i| *shrunk.add(i) == 0xab));
                    a.dealloc(shrunk, layout);
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..layout.size()).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
