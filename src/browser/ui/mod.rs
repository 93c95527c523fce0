//! The visible (and invisible) surfaces of a flow. Each is an RAII value:
//! dropping it removes its DOM nodes, listeners and timers.

pub mod frame;
pub mod popup;
pub mod sheet;
