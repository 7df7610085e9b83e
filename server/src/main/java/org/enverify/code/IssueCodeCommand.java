package org.enverify.code;

/**
 * A request to issue one code, as the caller typed it; {@link Codes#issue} judges every field.
 *
 * @param tzOffset the caller's offset from UTC in minutes; only a negative one matters (it widens the date range by a day)
 */
public record IssueCodeCommand(
        String symptomDate,
        String testDate,
        String testType,
        Double tzOffset,
        String phone,
        String smsTemplateLabel,
        String uuid,
        String externalIssuerId,
        boolean onlyGenerateSms) {}
