package org.enverify.verify.api;

record CertificateResponse(String certificate, String padding) {}
