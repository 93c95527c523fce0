//! The npm build's global allocator (feature `small-allocator`, on in
//! `make build`; a Rust app that depends on this crate keeps its own).
//!
//! Power-of-two size classes with one free list each, carved from memory
//! that `memory.grow` adds: a freed block is reused whole by the next
//! request of its class, and blocks are never split or merged. The SDK's
//! allocations are small and repeat per flow and per message, so memory
//! stays flat over any number of cycles (`tests/e2e/leaks.test.mjs`), at
//! the cost of up to 2× padding; in exchange the allocator is a few hundred
//! bytes of wasm where `dlmalloc` was 8 KB (docs/size.md).
//!
//! wasm32 without the `atomics` feature has one thread, which is what makes
//! the unsynchronised state below sound.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// Classes 2⁴ … 2³¹ bytes (the smallest holds the free-list link and any
/// alignment up to 16).
const MIN_SHIFT: u32 = 4;
const CLASSES: usize = 28;
const PAGE: usize = 65_536;

struct State {
    /// Head of each class's free list; a free block's first word links the next.
    free: [*mut u8; CLASSES],
    /// The unused rest of the memory grown so far: `next..end`.
    next: usize,
    end: usize,
}

struct SizeClasses(UnsafeCell<State>);

// SAFETY: one thread (see the module docs).
unsafe impl Sync for SizeClasses {}

#[global_allocator]
static ALLOCATOR: SizeClasses = SizeClasses(UnsafeCell::new(State {
    free: [null_mut(); CLASSES],
    next: 0,
    end: 0,
}));

/// The class of a layout: the smallest power of two ≥ its size and its
/// alignment. `None` for more than 2 GiB or an alignment above a page.
fn class_of(layout: Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    let class = (size.checked_next_power_of_two()?.trailing_zeros() - MIN_SHIFT) as usize;
    (class < CLASSES).then_some(class)
}

impl State {
    /// A new block of `size` (a class size) bytes, aligned to its size or
    /// to a page, from the rest of grown memory, growing it when needed.
    /// Null when the browser refuses more memory.
    fn carve(&mut self, size: usize) -> *mut u8 {
        if let Some(block) = self.fit(size) {
            return block;
        }
        let pages = size.div_ceil(PAGE);
        let old = core::arch::wasm32::memory_grow(0, pages);
        let (Some(base), Some(grown)) = (old.checked_mul(PAGE), pages.checked_mul(PAGE)) else {
            return null_mut();
        };
        // Only this allocator grows memory, so new pages follow the rest
        // (when there is one: the initial memory is left to the stack and
        // data). `base` is page-aligned, so the block fits at or before it.
        if base != self.end {
            self.next = base;
        }
        self.end = base.saturating_add(grown);
        self.fit(size).unwrap_or(null_mut())
    }

    fn fit(&mut self, size: usize) -> Option<*mut u8> {
        let align = size.min(PAGE);
        let start = self.next.checked_add(align - 1)? & !(align - 1);
        let stop = start.checked_add(size)?;
        (stop <= self.end).then(|| {
            self.next = stop;
            start as *mut u8
        })
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return null_mut();
        };
        let state = &mut *self.0.get();
        let head = state.free.get_unchecked_mut(class);
        if head.is_null() {
            return state.carve(1 << (class as u32 + MIN_SHIFT));
        }
        let block = *head;
        *head = *block.cast::<*mut u8>();
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout) {
            let head = (*self.0.get()).free.get_unchecked_mut(class);
            *ptr.cast::<*mut u8>() = *head;
            *head = ptr;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class_of(layout) == class_of(new_layout) {
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
