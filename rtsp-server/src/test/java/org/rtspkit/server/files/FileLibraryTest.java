package org.rtspkit.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.server.options.FileServing;

/** Which file a request path names (never one outside the folder), and how raw H264 and H265 are cut into pictures. */
class FileLibraryTest {
    @TempDir
    Path dir;

    @Test
    void aPathNamesAFileInsideTheFolderOnly() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.createDirectories(media.resolve("sub"));
        Files.writeString(media.resolve("a.ts"), "x");
        Files.writeString(media.resolve("sub/b.h264"), "x");
        Files.writeString(dir.resolve("secret.ts"), "x");
        Files.createSymbolicLink(media.resolve("link.ts"), dir.resolve("secret.ts"));
        Files.createSymbolicLink(media.resolve("inside.ts"), media.resolve("a.ts"));
        FileLibrary library = new FileLibrary(new FileServing(media, 25, 1000, 1), List::of);
        Path real = media.toRealPath();
        assertEquals(Optional.of(real.resolve("a.ts")), library.file("/a.ts"));
        assertEquals(Optional.of(real.resolve("sub/b.h264")), library.file("/sub/b.h264"));
        assertEquals(Optional.of(real.resolve("a.ts")), library.file("/inside.ts"), "a link that stays inside");
        for (String path : List.of("/../secret.ts", "/sub/../../secret.ts", "/link.ts", "/sub", "/", "/missing.ts",
                "/sub//b.h264", "/./a.ts", "/sub\\b.h264")) {
            assertEquals(Optional.empty(), library.file(path), path);
        }
        assertThrows(IOException.class, () -> new FileLibrary(new FileServing(dir.resolve("none"), 25, 1000, 1), List::of));
    }

    @Test
    void rawVideoIsCutAtEachPicturesFirstSlice() {
        byte[] sps = {0x67, 1};
        byte[] pps = {0x68, 2};
        byte[] idr = {0x65, (byte) 0x88, 3};
        byte[] secondSliceOfIdr = {0x65, 0x40, 4}; // first_mb_in_slice != 0
        byte[] p1 = {0x41, (byte) 0x9A, 5};
        byte[] aud = {0x09, (byte) 0xF0};
        byte[] p2 = {0x41, (byte) 0x9B, 6};
        byte[] stream = AnnexB.join(List.of(sps, pps, idr, secondSliceOfIdr, p1, aud, p2));
        List<byte[]> units = AnnexBAccessUnits.split(stream, false);
        assertEquals(3, units.size());
        assertEquals(4, AnnexB.split(units.get(0)).size(), "SPS, PPS and both slices of the IDR");
        assertEquals(1, AnnexB.split(units.get(1)).size());
        assertEquals(2, AnnexB.split(units.get(2)).size(), "the delimiter starts the next picture");

        byte[] vps = {0x40, 1, 1};
        byte[] hsps = {0x42, 1, 1};
        byte[] hpps = {0x44, 1, 1};
        byte[] irap = {0x26, 1, (byte) 0x80};
        byte[] trail = {0x02, 1, (byte) 0x80};
        byte[] trailSecondSegment = {0x02, 1, 0x10};
        List<byte[]> h265 = AnnexBAccessUnits.split(AnnexB.join(List.of(vps, hsps, hpps, irap, trail,
                trailSecondSegment)), true);
        assertEquals(2, h265.size());
        assertTrue(AnnexB.split(h265.get(1)).size() == 2, "both segments of the second picture");
    }
}
