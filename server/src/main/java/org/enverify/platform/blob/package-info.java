/**
 * Where files that outlive a request go (backups, exports): the {@link org.enverify.platform.blob.BlobStore}, a
 * local directory or an S3 bucket.
 */
@org.springframework.modulith.NamedInterface("blob")
package org.enverify.platform.blob;
