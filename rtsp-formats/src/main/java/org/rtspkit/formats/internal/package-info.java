/** What the formats share and applications do not see: not exported. */
package org.rtspkit.formats.internal;
