/**
 * The configuration file ({@code --config}): {@link org.rtspkit.server.config.ConfigFile} reads it into
 * the settings the command line also fills, {@link org.rtspkit.server.config.ConfigPrinter} prints the
 * configuration in effect ({@code --print-config}), {@link org.rtspkit.server.config.ConfigWatcher}
 * notices a change and {@link org.rtspkit.server.config.ConfigChanges} says what it changes, live or at
 * the next restart.
 */
package org.rtspkit.server.config;
