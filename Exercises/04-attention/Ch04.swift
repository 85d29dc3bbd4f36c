/// Chapter 4's exercises (attention as learned delay selection). Each exercise is a function in this namespace, in a file of its own, so it
/// never clashes with the library function it re-derives: `Ch04.something(…)` is the student's code.
public enum Ch04 {}
