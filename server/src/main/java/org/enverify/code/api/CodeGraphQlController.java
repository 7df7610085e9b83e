package org.enverify.code.api;

import org.enverify.code.CodeStatus;
import org.enverify.code.Codes;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Permission;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

/** A code's status in the management API's GraphQL {@code Realm}, as {@code /api/checkcodestatus} tells it. */
@Controller
class CodeGraphQlController {

    private final Codes codes;

    CodeGraphQlController(Codes codes) {
        this.codes = codes;
    }

    @SchemaMapping(typeName = "Realm")
    CodeStatus code(@RequireScope(Permission.CODE_READ) RealmCaller caller, @Argument String uuid) {
        return codes.status(
                caller.realm(),
                Codes.parseUuid(uuid)
                        .orElseThrow(() -> new ApiException(
                                HttpStatus.NOT_FOUND,
                                ErrorCode.CODE_NOT_FOUND,
                                "no code with this uuid in this realm")));
    }
}
