// The sequence layers of the course; see the files beside this one.
