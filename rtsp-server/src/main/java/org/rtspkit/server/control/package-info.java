/**
 * The control API on the HTTP listener ({@link org.rtspkit.server.control.ControlApi}): paths and
 * sessions as JSON, and kicking a session; {@link org.rtspkit.server.control.ApiAccess} is where access
 * rules decide who may call it.
 */
package org.rtspkit.server.control;
