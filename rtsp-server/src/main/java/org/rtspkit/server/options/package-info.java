/**
 * The server's command line: {@link org.rtspkit.server.options.ServerOptions} parses the flags (addresses
 * in {@link org.rtspkit.server.options.AddressFlags}'s notation) and fits them to the plugins found on the
 * module path ({@link org.rtspkit.server.options.Plugins}); a bad line is a
 * {@link org.rtspkit.server.options.UsageException}. Depends on nothing else of the server.
 */
package org.rtspkit.server.options;
