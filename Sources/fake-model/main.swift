print("fake-model")
