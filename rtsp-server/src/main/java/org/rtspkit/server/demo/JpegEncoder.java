package org.rtspkit.server.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes pictures as baseline JPEG with the JDK's ImageIO writer, whose output for a three-channel
 * image is YCbCr 4:2:0 with the standard Huffman tables and no restart markers: what RFC 2435 can
 * carry (the formats module's {@code JpegImage.parse} checks every frame). Not thread-safe.
 */
final class JpegEncoder implements AutoCloseable {
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    /** @param quality 0..1, as ImageIO's compression quality */
    JpegEncoder(float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("the JDK has no JPEG image writer (module java.desktop)");
        }
        writer = writers.next();
        param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (param instanceof JPEGImageWriteParam jpeg) {
            // Receivers rebuild the standard tables; optimized ones would not decode.
            jpeg.setOptimizeHuffmanTables(false);
        }
    }

    /** The image as a complete JPEG file (SOI to EOI). */
    byte[] encode(BufferedImage image) {
        buffer.reset();
        // In memory: ImageIO.createImageOutputStream would cache through a temporary file per frame.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a JPEG frame", e);
        }
        return buffer.toByteArray();
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
