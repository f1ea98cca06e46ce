/**
 * Tools that rtspkit's tests share. Test-scoped everywhere (so on the tests' class path); JDK only,
 * so that it can serve the tests of every module, the API's included.
 */
module org.rtspkit.testkit {
    exports org.rtspkit.testkit;
}
