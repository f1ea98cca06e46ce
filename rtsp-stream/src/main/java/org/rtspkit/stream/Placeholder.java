package org.rtspkit.stream; final class Placeholder {}
