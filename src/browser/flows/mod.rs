//! Flow orchestration: [`flow`] is the one engine (surfaces, trusted
//! channel, auth popup, settle once); the other modules say what each
//! product flow sends and expects; [`exchange`] is the code exchange that
//! ends a sign-in with `onTokens`.

pub mod connector;
pub mod exchange;
pub mod flow;
pub mod runtime;
pub mod signin;
pub mod signing;
