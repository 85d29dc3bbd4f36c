/// Chapter 2's exercises (learning next-step prediction). Each exercise is a function in this namespace, in a file of its own, so it
/// never clashes with the library function it re-derives: `Ch02.something(…)` is the student's code.
public enum Ch02 {}
