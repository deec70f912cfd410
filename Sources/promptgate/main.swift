print("promptgate")
