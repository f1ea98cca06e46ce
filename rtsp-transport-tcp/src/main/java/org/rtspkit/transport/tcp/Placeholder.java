package org.rtspkit.transport.tcp; final class Placeholder {}
