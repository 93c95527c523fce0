//! Flow orchestration: what each flow does with trusted messages, user
//! dismissals and timers, and how it settles exactly once.

pub mod connector;
pub mod runtime;
