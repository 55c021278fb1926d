package cn.sanwu.server.account;

import cn.sanwu.model.region.Region;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.device.DeviceService;

/**
 * Enrollment codes issued by people through the API: a township reviewer for the villages of
 * the township, an administrator for any village. Scope is checked here, against the region tree
 * in the store; the route policy has already checked the role. Thread-safe.
 */
public final class EnrollmentCodes {

    private final RegionService regions;
    private final DeviceService devices;

    public EnrollmentCodes(RegionService regions, DeviceService devices) {
        this.regions = regions;
        this.devices = devices;
    }

    public DeviceService.IssuedCode issue(User issuer, String villageCode) {
        if (!Region.isValidCode(villageCode)) {
            throw new Refusal(Refusal.Kind.INVALID, "VILLAGE_CODE_INVALID", "村（社区）代码须为12位数字。");
        }
        if (issuer.role() != Role.ADMIN && issuer.role() != Role.TOWNSHIP_REVIEWER) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "FORBIDDEN", "您的角色不能发放登记码。");
        }
        Region village = regions.requireDisclosingUnit(villageCode);
        if (!regions.isWithin(village.code(), issuer.scopeCode())) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "OUT_OF_SCOPE", "“" + village.name() + "”不在您的管辖范围内。");
        }
        return devices.issueCode(village.code(), issuer.id());
    }
}
