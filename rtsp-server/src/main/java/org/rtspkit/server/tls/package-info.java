/**
 * The RTSPS identity ({@link org.rtspkit.server.tls.TlsCredentials}): a certificate and key from PEM files,
 * or a self-signed certificate made at start. The only package that uses bcprov.
 */
package org.rtspkit.server.tls;
