module org.rtspkit.stream { requires org.rtspkit.api; requires org.jctools.core; requires com.google.common; exports org.rtspkit.stream; }
