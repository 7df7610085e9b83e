/** Where files that outlive a request go (backups, exports): the {@link org.enverify.platform.blob.BlobStore}. */
@org.springframework.modulith.NamedInterface("blob")
package org.enverify.platform.blob;
