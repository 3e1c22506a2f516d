// Writes the seed corpus of every fuzz target from real in-memory handshakes.
//
//     GenerateCorpus <directory>
//
// Replaces <directory>/<Target>/ for each target. PSK seeds come out the same on every run;
// raw-public-key seeds differ where they carry ECDSA signatures, which are randomized.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: GenerateCorpus <directory>")
    exit(2)
}
let handshakes = RecordedHandshake.all()
let writer = CorpusWriter(root: arguments[1])
writer.write(target: "FuzzRecordParser", seeds: RecordParserSeeds.make(from: handshakes))
writer.write(target: "FuzzServerFirstDatagram", seeds: FirstDatagramSeeds.make(from: handshakes))
writer.write(target: "FuzzReassembler", seeds: ReassemblerSeeds.make(from: handshakes))
writer.write(target: "FuzzHandshakeMessages", seeds: HandshakeMessageSeeds.make(from: handshakes))
writer.write(target: "FuzzServerSession", seeds: ServerSessionSeeds.make(from: handshakes))
