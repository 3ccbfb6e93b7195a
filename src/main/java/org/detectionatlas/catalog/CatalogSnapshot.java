package org.detectionatlas.catalog;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A built catalog saved as one file, so a server can start without reading the corpus again.
 *
 * <p>Layout: the line {@code DETECTION-ATLAS-SNAPSHOT}, the format number as a 4-byte integer,
 * the length of the catalog as a 4-byte integer, the CRC-32 of the catalog bytes as a 4-byte
 * integer, and the catalog in the layout of {@link SnapshotCodec}. The checksum catches a file
 * changed after it was written, which could otherwise decode into wrong counts. A file of another format is rejected with a message asking to rebuild
 * it, and a damaged one with what was wrong and where.
 */
public final class CatalogSnapshot {
    /** Raised for a file that is not a snapshot of this version. */
    public static final class SnapshotException extends RuntimeException {
        public SnapshotException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Bumped whenever the layout or the model records change shape. */
    static final int FORMAT = 4;
    private static final byte[] MAGIC = "DETECTION-ATLAS-SNAPSHOT\n".getBytes(StandardCharsets.US_ASCII);
    /** Snapshots of format 2 and before were one Smile document, which starts with these bytes. */
    private static final byte[] SMILE_HEADER = {':', ')', '\n'};

    private CatalogSnapshot() {}

    public static void write(Catalog catalog, Path file) throws IOException {
        byte[] content = SnapshotCodec.encode(catalog);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(content.length);
            out.writeInt((int) checksum(content, 0, content.length));
            out.write(content);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Catalog read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!startsWith(bytes, MAGIC)) {
            if (startsWith(bytes, SMILE_HEADER)) {
                throw new SnapshotException("The snapshot " + file + " has format 2 or older, this atlas reads " + FORMAT
                        + ". Rebuild it with 'atlas build --corpus DIR --out FILE'.", null);
            }
            throw new SnapshotException("The file " + file + " is not a Detection Atlas snapshot (it does not start with"
                    + " the line DETECTION-ATLAS-SNAPSHOT). Write one with 'atlas build --corpus DIR --out FILE'.", null);
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).position(MAGIC.length);
        if (header.remaining() < Integer.BYTES) {
            throw damaged(file, "it ends within its header", null);
        }
        int format = header.getInt();
        if (format != FORMAT) {
            throw new SnapshotException("The snapshot " + file + " has format " + format + ", this atlas reads "
                    + FORMAT + ". Rebuild it with 'atlas build --corpus DIR --out FILE'.", null);
        }
        if (header.remaining() < 2 * Integer.BYTES) {
            throw damaged(file, "it ends within its header", null);
        }
        int length = header.getInt();
        int expected = header.getInt();
        if (length != header.remaining()) {
            throw damaged(file, "its header gives a catalog of " + length + " bytes, but the file contains "
                    + header.remaining(), null);
        }
        if ((int) checksum(bytes, header.position(), length) != expected) {
            throw damaged(file, "its CRC-32 checksum does not match: the file changed after it was written", null);
        }
        try {
            return SnapshotCodec.decode(bytes, header.position(), length);
        } catch (SnapshotCodec.DamagedException | IllegalArgumentException | NullPointerException e) {
            throw damaged(file, e.getMessage(), e);
        }
    }

    private static long checksum(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static SnapshotException damaged(Path file, String what, Throwable cause) {
        return new SnapshotException("The snapshot " + file + " is damaged (" + what
                + "). Rebuild it with 'atlas build --corpus DIR --out FILE'.", cause);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
