package org.rtspkit.examples; final class Placeholder {}
