print("dtls")
