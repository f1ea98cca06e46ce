module org.rtspkit.examples { requires org.rtspkit.stream; }
