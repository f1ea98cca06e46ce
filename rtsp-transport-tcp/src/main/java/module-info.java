module org.rtspkit.transport.tcp { requires org.rtspkit.api; }
