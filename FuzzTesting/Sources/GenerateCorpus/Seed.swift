/// One seed file: its name in the target's corpus directory and its bytes.
typealias Seed = (name: String, bytes: [UInt8])
