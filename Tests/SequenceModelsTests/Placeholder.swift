import Testing
import SequenceModels

@Test func moduleBuilds() {}
