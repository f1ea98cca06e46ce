/**
 * Stand-ins for rtspkit's module layout under another root package, where each module rule's test
 * places a class that breaks it (classes under org.rtspkit's own packages would split them).
 */
package com.example.archfixture.sdk;
