/**
 * Who publishes where: {@link org.rtspkit.server.paths.PublishingHandler} lets any client publish to a free
 * path and any number of clients read it, {@link org.rtspkit.server.paths.PathRegistry} keeps the paths and
 * their readers, and {@link org.rtspkit.server.paths.StreamRelay} copies a publisher's packets into the
 * streams of every listener.
 */
package org.rtspkit.server.paths;
