//! The visible (and invisible) surfaces of a flow. Each is an RAII value:
//! dropping it removes its DOM nodes, listeners and timers.

pub mod continue_prompt;
pub mod frame;
pub mod inline;
pub mod popup;
pub mod sheet;
