print("chapter not written yet")
