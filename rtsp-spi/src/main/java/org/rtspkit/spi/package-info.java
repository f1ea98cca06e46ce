/**
 * The plugin SPI: how the engine finds and drives transports without importing them.
 *
 * <p>A transport module {@code provides} {@link org.rtspkit.spi.TransportProvider} (and ships the
 * matching {@code META-INF/services} file for class-path use). At start the engine asks every
 * provider to {@link org.rtspkit.spi.TransportProvider#open open} a {@link org.rtspkit.spi.MediaTransport}
 * for the server's configuration; at each SETUP it gives the chosen transport a
 * {@link org.rtspkit.spi.BindRequest} and receives a {@link org.rtspkit.spi.MediaBinding}, whose
 * {@link org.rtspkit.spi.PacketSink} the engine's I/O threads feed.
 */
package org.rtspkit.spi;
