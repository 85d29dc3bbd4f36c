import ArgumentParser
import Notebook

struct Demo: ParsableCommand {
    @OptionGroup var common: ChapterOptions
}
