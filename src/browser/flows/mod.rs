//! Flow orchestration: [`flow`] is the one engine (surfaces, trusted
//! channel, auth popup, settle once); the other modules say what each
//! product flow sends and expects.

pub mod connector;
pub mod flow;
pub mod runtime;
pub mod signin;
pub mod signing;
