package org.enverify.code.api;

record BatchItemError(String error, String errorCode) {}
