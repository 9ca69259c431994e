//! Pure date logic: the solar calendar (parsing, countdowns, ordinals, phase state) and the
//! Vietnamese lunar calendar.

pub mod calendar;
pub mod lunar;
