package com.example.archfixture.broken;

import org.rtspkit.spi.TransportProvider;

/** An application class that implements a plugin interface. */
public abstract class ImplementsAProvider implements TransportProvider {
}
