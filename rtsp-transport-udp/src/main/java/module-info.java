module org.rtspkit.transport.udp { requires org.rtspkit.api; }
