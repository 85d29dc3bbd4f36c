//: # Chapter 2 · Second
//:
//: A chapter that has not been run yet.

print("two")
