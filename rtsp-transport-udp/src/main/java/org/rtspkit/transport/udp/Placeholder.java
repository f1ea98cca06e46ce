package org.rtspkit.transport.udp; final class Placeholder {}
