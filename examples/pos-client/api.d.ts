// Made by `npm run examples:types` (openapi-typescript) from /openapi.json. Do not edit.
export interface paths {
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Coordinator or staff sign-in */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/first-sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A staff member’s first sign-in with the one-time code the coordinator handed over: sets their password */
        post: operations["firstSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens; within 30 s the same old token gets the same new pair, after that it ends the session */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out on this phone: the refresh token and its family stop working */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/enroll/resident": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enroll a resident's phone with the code from the community staff */
        post: operations["enrollResident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/enroll/device": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enroll a merchant's device and register its Ed25519 public key */
        post: operations["enrollDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/residents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List residents, optionally searching name or phone */
        get: operations["listResidents"];
        put?: never;
        /** Register a resident; returns a single-use enrollment code for their phone */
        post: operations["createResident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/residents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a resident's name, phone or household
         * @description Joining a household moves the resident's own free points into the household's shared account (a `move` transfer); leaving one leaves the points with the household. Refused with 409 `vouchers_open` while the resident has a code open on the account that would move.
         */
        patch: operations["updateResident"];
        trace?: never;
    };
    "/v1/residents/{id}/enrollment-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new single-use enrollment code for a resident's (new) phone */
        post: operations["issueResidentEnrollmentCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/residents/{id}/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A resident's cards, newest first (active, lost, replaced; locked or not) */
        get: operations["listResidentCards"];
        put?: never;
        /** Issue a household card for a resident (replaces their active card): its id, number and QR digits */
        post: operations["issueResidentCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the card's 6-digit PIN: staff at the counter's keypad page, or the holder in their own app */
        put: operations["setCardPin"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/lost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report the card lost: refused online at once, offline from each device’s next sync */
        post: operations["reportCardLost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cards/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock a card locked by five wrong PINs (staff) */
        post: operations["unlockCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/households": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Households by door number (门牌号), name or a member’s phone (door=…), within the caller’s grids; each with its members and door plate URL */
        get: operations["findHouseholds"];
        put?: never;
        /** Create a household: its members earn into and spend from one account; with a door number, community and grid it is a place inspected and scored, and its door plate URL is in the answer */
        post: operations["createHousehold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/households/{id}/plate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reissue the door plate: a new token and URL; the old plate stops working at once */
        post: operations["reissuePlate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/households/plates/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The household a scanned door plate names (inspectors, within their grids) */
        get: operations["householdOfPlate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/households/{id}/sheets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A household’s monthly scoring sheets (一户一档): with month=YYYY-MM that month’s, frozen when closed or the score so far; without, every closed sheet and this month’s so far. Staff within their grids, and the household’s members. */
        get: operations["householdSheets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Partner merchants with their active offers (residents see this list too) */
        get: operations["listMerchants"];
        put?: never;
        /** Register a partner merchant with its offers; returns its public number */
        post: operations["createMerchant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a merchant's name or address (its number never changes) */
        patch: operations["updateMerchant"];
        trace?: never;
    };
    "/v1/merchants/{id}/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an offer to a merchant */
        post: operations["createOffer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/offers/{offerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an offer's titles, whether it is on, and its rules: limits per person, season, minimum bill, funding, coupon (null clears one) */
        patch: operations["updateOffer"];
        trace?: never;
    };
    "/v1/merchants/{id}/goods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shop's goods with their stock, by name */
        get: operations["listGoods"];
        put?: never;
        /** Add a good to a shop: its points price, cash co-pay, unit, barcode and supplier */
        post: operations["createGood"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/goods-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shop's supermarket month: stock at start and end, deliveries, exchanges net of reversals with points and cost value, returns, counts (?format=csv) */
        get: operations["getGoodsMonthReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/funding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who funds the merchant's discounts, month by month: the merchant, the alliance per point, or a share */
        get: operations["listMerchantFunding"];
        put?: never;
        /** Set who funds the merchant's discounts from a month on (replaces that month's rule; closed months cannot change) */
        post: operations["setMerchantFunding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a single-use enrollment code for one of the merchant's devices */
        post: operations["issueDeviceEnrollmentCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/pos-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a POS API key for a merchant's till system; the key is shown only in this answer */
        post: operations["createPosKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/pos-keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a POS API key */
        post: operations["revokePosKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{deviceId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a device: its tokens stop working at once and its records are refused */
        post: operations["revokeDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/goods/supplier-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each supplier's month across the alliance's shops: goods delivered and returned with their cost (?format=csv for the district's accounts) */
        get: operations["getSupplierMonthReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/goods/flagged": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Offline exchanges that took a stock below zero, newest first (at most 200), for the coordinator */
        get: operations["listFlaggedExchanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/goods/flagged/{id}/checked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a flagged offline exchange as looked into (the shelf checked): it leaves the list and stays flagged in the good’s history. A second mark answers the first */
        post: operations["checkFlaggedExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/goods/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One good: its price and the stock on hand (the sum of its stock events) */
        get: operations["getGood"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/goods/{id}/stock-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A good's stock events, newest first */
        get: operations["listStockEvents"];
        put?: never;
        /** A delivery (quantity in), a count (quantity on the shelf, with a reason) or a return to the supplier (quantity out) */
        post: operations["recordStockEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/goods/{id}/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A good's photo, for staff with the goods right and the shop's own device or POS key */
        get: operations["getGoodPhoto"];
        /** Set a good's photo (the body is the image: JPEG, PNG or WebP by its bytes, at most 1 MiB); replaces the one before */
        put: operations["putGoodPhoto"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant points to a resident (or their household) for a good deed
         * @description Needs an Idempotency-Key header: a retry with the same key and body gets the same answer and grants nothing more.
         */
        post: operations["grantPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resident's coupons, newest first: open, used or returned, with their end */
        get: operations["listMyCoupons"];
        put?: never;
        /** Buy a coupon with points from a shop's coupon offer: its price is held at once, taken by the shop when used, given back if it expires unused */
        post: operations["buyCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/coupons/{couponId}/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A freshly signed code for an open coupon: a voucher scoped to its shop, valid for the voucher ttl plus the capture window; the app keeps the last one for offline */
        post: operations["getCouponCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resident's balance: all points owned, points held by open codes, available */
        get: operations["getMyBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resident's own household cards, newest first: to set the PIN or report one lost from the app */
        get: operations["listMyCards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resident's (or household's) points history, newest first */
        get: operations["getMyHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resident's claims, newest first, each with its state (待审核, 已通过 +N, 未通过 with the reason, 需补充材料) */
        get: operations["getMyClaims"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/deductions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deductions against the resident or their household, newest first, with the appeal's state and deadline */
        get: operations["getMyDeductions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vouchers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a signed, short-lived voucher (QR text) that holds points for a merchant to capture */
        post: operations["issueVoucher"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vouchers/{voucherId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What became of a code on screen: open, captured (points, shop, when), released or expired; the app asks every 2 s */
        get: operations["getVoucherStatus"];
        put?: never;
        post?: never;
        /** Put away a code: its held points come back at once (a shop that already scanned it offline is still paid from the free balance) */
        delete: operations["putAwayVoucher"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchant/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The device's merchant, offers, offline limits, the alliance's voucher keys and its last seq */
        get: operations["getDeviceConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchant/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merchant's records of one day (alliance time zone), with totals of what was taken */
        get: operations["listMerchantDay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchant/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merchant's monthly statements, newest first */
        get: operations["listMerchantStatements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchant/vouchers/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The voucher behind a resident's 8-digit 码号 (open codes this merchant may take), to verify and capture as if scanned */
        post: operations["lookupVoucherByShortCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchant/card-captures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture points with a household card and its PIN, online, from the holder’s free balance; answers the balance left. `id` (the record id) makes a retry safe */
        post: operations["captureWithCardOnDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture one signed redemption record now (online); a replay gets the first answer */
        post: operations["captureRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A batch of signed records from the device's outbox: one outcome each (an unreadable one is bad_record and the rest go on), and the seqs still missing */
        post: operations["syncRedemptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a capture made today: the points go back to the resident */
        post: operations["reverseRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pos/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a scanned voucher: valid, its cap, and whether it can still be captured here */
        post: operations["verifyVoucherAtPos"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pos/captures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture points from a voucher. Needs an Idempotency-Key: a retry gets the stored answer */
        post: operations["captureAtPos"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pos/captures/{id}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a capture this merchant made today (the customer changed their mind): the points go back to the resident, a basket’s goods to the shelf. Asking again answers the same */
        post: operations["reversePosCapture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pos/card-captures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture points with a household card and its PIN. Needs an Idempotency-Key: a retry gets the stored answer */
        post: operations["captureWithCardAtPos"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlement periods, newest first */
        get: operations["listSettlementPeriods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/periods/{month}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the period holding this month (YYYY-MM); closing again returns the same statements */
        post: operations["closeSettlementPeriod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/periods/{id}/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A closed period's statements; ?format=csv for a spreadsheet (UTF-8 with BOM) */
        get: operations["listStatements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/statements/{id}/lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One statement line by line (captures, reversals, adjustments); ?format=csv for the merchant's books */
        get: operations["getStatementLines"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/statements/{id}/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that the alliance paid a statement, with the bank or cash reference (once) */
        post: operations["markStatementPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conflicts (double presentment, late shortfall), undecided first if asked */
        get: operations["listConflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conflicts/{id}/decide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide who bears the loss: the alliance fund pays the merchant, or the merchant keeps it */
        post: operations["decideConflict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The alliance's coordinator and staff, with their rights */
        get: operations["listStaff"];
        put?: never;
        /** Invite a staff member (e-mail or phone) with an initial password, or without one to get a one-time sign-in code */
        post: operations["inviteStaff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a staff member’s rights, areas, name, phone, resident record or password, hand over a new one-time sign-in code, or disable them (refused at once) */
        patch: operations["changeStaff"];
        trace?: never;
    };
    "/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rules at their current version (a resident sees the ones they may claim, in force today or not) */
        get: operations["listRules"];
        put?: never;
        /** Add a rule (version 1); a deduction gives its points as a positive number, taken away */
        post: operations["createRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a rule: a new version becomes current; claims keep the version they were made under */
        patch: operations["editRule"];
        trace?: never;
    };
    "/v1/rules/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rules at their current versions as a CSV file in the columns the import reads (UTF-8 with a BOM), to edit in a spreadsheet and import again */
        get: operations["exportRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a catalogue (text/csv with a header row: code, category, titleZh, titleEn, kind, points, pointsPerHour, min, max, evidence, selfClaim, fourEyes, perDay, perWeek, perMonth, pointsPerMonth, activeFrom, activeTo). Nothing is imported unless every line is clean; the same file twice changes nothing. */
        post: operations["importRules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a photo (the body is the image: Content-Type image/jpeg, image/png or image/webp) */
        post: operations["uploadEvidence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evidence/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A photo, for the uploader, the claimant, staff who review, or anyone for a public good deed */
        get: operations["getEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Claims waiting for a reviewer, oldest first (status submitted or awaiting_second by default) */
        get: operations["reviewQueue"];
        put?: never;
        /**
         * File a claim for points under a rule (a resident for themselves; staff name residentId)
         * @description Needs an Idempotency-Key header: a retry with the same key and body files nothing more.
         */
        post: operations["fileClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve (points within a range rule), refuse (with a reason) or ask for more material; above the threshold two reviewers approve and only the second awards */
        post: operations["decideClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{id}/material": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add the note or photos a reviewer asked for; the claim goes back to the queue */
        post: operations["addClaimMaterial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a good deed out of the public feed (the claim and its points stay) */
        post: operations["hideGoodDeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deductions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a deduction (residentId or householdId): takes the free balance only, never below zero nor from points an open code holds */
        post: operations["recordDeduction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deductions/{id}/appeal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Appeal a deduction, once, within the alliance’s window (default 7 days) */
        post: operations["appealDeduction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deductions/appeals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Appeals waiting for a reviewer, oldest first */
        get: operations["listAppeals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deductions/{id}/appeal/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Uphold (the points come back, linked to the deduction) or reject an appeal; final */
        post: operations["decideAppeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Approved claims their residents chose to show, names masked, newest first */
        get: operations["goodDeedsFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed/{claimId}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a good deed one 点赞 (again changes nothing) */
        post: operations["likeGoodDeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inspection-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The inspection templates in use, newest first */
        get: operations["listInspectionTemplates"];
        put?: never;
        /** Add a template: items with their kept and lost points, an optional bonus section with its cap, the month rule (every_check: kept only if every check passed; last_check: as the last check found it) and the check frequency */
        post: operations["createInspectionTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a check: every item of the template 好 (ok: true) or 差 (ok: false), bonus items ok: true to give their points; checkedOn defaults to today, never later, and only in a scoring month not closed
         * @description Needs an Idempotency-Key header: a retry with the same key and body records nothing more.
         */
        post: operations["recordInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scoring/months/{month}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a scoring month after it ends, for the alliance or one community (communityId: its name): every household’s sheet frozen, one mint per household with a positive score; closing again changes nothing */
        post: operations["closeScoringMonth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scoring/months/{month}/notice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The scoring section of the monthly notice (一月一公示): every household with a closed sheet, ranked, with base, bonus, deductions and score, and the items most often lost; names masked for residents */
        get: operations["scoringNotice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sheets/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Objections waiting for a decision, oldest first */
        get: operations["openObjections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sheets/{id}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Object to the household’s sheet, within the alliance’s window (default 5 days after the close) */
        post: operations["objectToSheet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sheets/{id}/objections/{objectionId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide an objection: uphold with the corrected score (one correction transfer for the difference in points) or reject, with a reason */
        post: operations["decideObjection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Activities: staff see all, newest first; a resident sees those not over yet open to their community, soonest first, with their own sign-up */
        get: operations["listActivities"];
        put?: never;
        /** Publish an activity under a fixed or per-hour rule that needs no photos (ISO times; sign-up closes at the start unless signupDeadline says earlier) */
        post: operations["publishActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One activity; organizers also get its sign-up list with check-in and check-out times */
        get: operations["getActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}/signups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up (报名): a place, or the waiting list when full; an organizer names residentId for a resident without a phone. Signing up again answers the sign-up there is. */
        post: operations["signUpForActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}/signups/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancel one’s own sign-up before the start; the first on the waiting list takes the place */
        delete: operations["cancelActivitySignup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}/checkin-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The check-in (or check-out) code now: it changes every 30 seconds and is taken until expiresAt (under a minute); the QR holds url */
        get: operations["activityCheckinCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check in or out: a resident sends the scanned {token}; an organizer ticks {residentId, direction} by hand. Checking in twice keeps the first time. */
        post: operations["recordAttendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the activity: one claim per attendee under its rule, filed by the closer, for review; hours from check-in and check-out unless attendees gives them. Closing again files nothing. */
        post: operations["closeActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rankings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Points earned (grants and approved claims, minus deductions, plus restores) in the day, week (Monday–Sunday), month or year holding `at`, ranked; ties go to whoever reached the total first; names masked for residents, with their own line in `me` */
        get: operations["rankings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Screen links, newest first, with when each screen was last seen (active ones with their url) */
        get: operations["listScreenLinks"];
        put?: never;
        /** Make a link for the public screen (一屏公示): open its url on the television */
        post: operations["createScreenLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a screen link: its screen shows only that it was stopped (again changes nothing) */
        post: operations["revokeScreenLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screen/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public screen’s data: today’s and this month’s top ten (masked), good deeds, activities, this month’s points, merchants */
        get: operations["readScreen"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screen/{token}/photos/{photoId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A photo of a good deed the screen shows (no other photo) */
        get: operations["readScreenPhoto"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/awards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The awards given for the month or the year holding `at` (default: today), every scope and community */
        get: operations["listAwards"];
        put?: never;
        /** Record what was given to a resident or household for their place in an ended month’s or year’s ranking; rank and points are the server’s; the same holder, period and scope again answers the first award (200, already_recorded) */
        post: operations["giveAward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        SessionTokens: {
            /** @description EdDSA JWT, valid 15 minutes */
            accessToken: string;
            /** @description Opaque; rotates on every refresh */
            refreshToken: string;
            /** @enum {string} */
            tokenType: "Bearer";
            /** @description Seconds until the access token expires */
            expiresIn: number;
        };
        Problem: {
            /**
             * @description Stable error code clients switch on
             * @example invalid_request
             */
            type: string;
            /** @description What went wrong, in words a person can act on */
            title: string;
            status: number;
            instance?: string;
        } & {
            [key: string]: unknown;
        };
        DeviceEnrollment: {
            deviceId: string;
            merchantNumber: number;
            tokens: components["schemas"]["SessionTokens"];
        };
        Resident: {
            /** Format: uuid */
            id: string;
            name: string;
            phone: string | null;
            /** Format: uuid */
            householdId: string | null;
            createdAt: string;
        };
        NewResident: {
            name: string;
            phone?: string;
            /** Format: uuid */
            householdId?: string;
        };
        ResidentChanges: {
            name?: string;
            phone?: string | null;
            /** Format: uuid */
            householdId?: string | null;
        };
        /** @description Show as text and as a QR; single use */
        EnrollmentSlip: {
            enrollmentCode: string;
            expiresAt: string;
        };
        HouseholdInput: {
            name: string;
            doorNumber?: string;
            community?: string;
            grid?: string;
            memberIds?: string[];
        };
        NewMerchant: {
            name: string;
            address?: string;
            offers?: components["schemas"]["OfferInput"][];
        };
        OfferInput: {
            code: string;
            titleZh: string;
            titleEn: string;
            limits?: {
                /** @enum {string} */
                per: "day" | "week" | "month";
                count: number;
            }[];
            season?: {
                from?: string;
                to?: string;
                weekdays?: number[];
                hours?: {
                    from: string;
                    to: string;
                };
            } | null;
            minBillFen?: number | null;
            funding?: {
                /** @enum {string} */
                rule: "merchant";
            } | {
                /** @enum {string} */
                rule: "per_point";
                fenPerPoint: number;
            } | {
                /** @enum {string} */
                rule: "share";
                sharePercent: number;
            } | null;
            coupon?: {
                validDays: number;
            } | null;
            /** @enum {string} */
            kind: "amount_off";
            points: number;
            amountFen: number;
        } | {
            code: string;
            titleZh: string;
            titleEn: string;
            limits?: {
                /** @enum {string} */
                per: "day" | "week" | "month";
                count: number;
            }[];
            season?: {
                from?: string;
                to?: string;
                weekdays?: number[];
                hours?: {
                    from: string;
                    to: string;
                };
            } | null;
            minBillFen?: number | null;
            funding?: {
                /** @enum {string} */
                rule: "merchant";
            } | {
                /** @enum {string} */
                rule: "per_point";
                fenPerPoint: number;
            } | {
                /** @enum {string} */
                rule: "share";
                sharePercent: number;
            } | null;
            coupon?: {
                validDays: number;
            } | null;
            /** @enum {string} */
            kind: "percent_off";
            points: number;
            percent: number;
            capFen?: number;
        } | {
            code: string;
            titleZh: string;
            titleEn: string;
            limits?: {
                /** @enum {string} */
                per: "day" | "week" | "month";
                count: number;
            }[];
            season?: {
                from?: string;
                to?: string;
                weekdays?: number[];
                hours?: {
                    from: string;
                    to: string;
                };
            } | null;
            minBillFen?: number | null;
            funding?: {
                /** @enum {string} */
                rule: "merchant";
            } | {
                /** @enum {string} */
                rule: "per_point";
                fenPerPoint: number;
            } | {
                /** @enum {string} */
                rule: "share";
                sharePercent: number;
            } | null;
            coupon?: {
                validDays: number;
            } | null;
            /** @enum {string} */
            kind: "item";
            points: number;
            amountFen: number;
        } | {
            code: string;
            titleZh: string;
            titleEn: string;
            limits?: {
                /** @enum {string} */
                per: "day" | "week" | "month";
                count: number;
            }[];
            season?: {
                from?: string;
                to?: string;
                weekdays?: number[];
                hours?: {
                    from: string;
                    to: string;
                };
            } | null;
            minBillFen?: number | null;
            funding?: {
                /** @enum {string} */
                rule: "merchant";
            } | {
                /** @enum {string} */
                rule: "per_point";
                fenPerPoint: number;
            } | {
                /** @enum {string} */
                rule: "share";
                sharePercent: number;
            } | null;
            coupon?: {
                validDays: number;
            } | null;
            /** @enum {string} */
            kind: "points_as_cash";
            fenPerPoint: number;
        };
        MerchantChanges: {
            name?: string;
            address?: string | null;
        };
        Merchant: {
            /** Format: uuid */
            id: string;
            /** @description Public u32 used in vouchers' merchantScope */
            number: number;
            name: string;
            address: string | null;
            offlineMaxPointsPerCapture: number;
            offlineMaxPointsPerDeviceDay: number;
            offers: components["schemas"]["Offer"][];
        };
        Offer: {
            /** Format: uuid */
            id: string;
            code: string;
            /** @enum {string} */
            kind: "amount_off" | "percent_off" | "item" | "points_as_cash";
            titleZh: string;
            titleEn: string;
            points: number | null;
            amountFen: number | null;
            percent: number | null;
            capFen: number | null;
            fenPerPoint: number | null;
            limits?: {
                /** @enum {string} */
                per: "day" | "week" | "month";
                count: number;
            }[];
            season?: {
                from?: string;
                to?: string;
                weekdays?: number[];
                hours?: {
                    from: string;
                    to: string;
                };
            } | null;
            minBillFen?: number | null;
            funding?: {
                /** @enum {string} */
                rule: "merchant";
            } | {
                /** @enum {string} */
                rule: "per_point";
                fenPerPoint: number;
            } | {
                /** @enum {string} */
                rule: "share";
                sharePercent: number;
            } | null;
            coupon?: {
                validDays: number;
            } | null;
            active: boolean;
        };
        OfferChanges: {
            titleZh?: string;
            titleEn?: string;
            active?: boolean;
            limits?: {
                /** @enum {string} */
                per: "day" | "week" | "month";
                count: number;
            }[];
            season?: {
                from?: string;
                to?: string;
                weekdays?: number[];
                hours?: {
                    from: string;
                    to: string;
                };
            } | null;
            minBillFen?: number | null;
            funding?: {
                /** @enum {string} */
                rule: "merchant";
            } | {
                /** @enum {string} */
                rule: "per_point";
                fenPerPoint: number;
            } | {
                /** @enum {string} */
                rule: "share";
                sharePercent: number;
            } | null;
            coupon?: {
                validDays: number;
            } | null;
        };
        GoodInput: {
            name: string;
            points: number;
            copayFen?: number;
            unit: string;
            barcode?: string;
            supplier?: string;
            costFen?: number;
            lowStock?: number;
        };
        FundingRules: {
            rules: components["schemas"]["FundingRule"][];
        };
        FundingRule: {
            fromMonth: string;
            /**
             * @description merchant: the shop bears its discounts; per_point: the alliance pays fenPerPoint per point; share: sharePercent of the discount
             * @enum {string}
             */
            rule: "merchant" | "per_point" | "share";
            fenPerPoint: number | null;
            sharePercent: number | null;
            setAt: string;
        };
        FundingRuleInput: {
            fromMonth: string;
            /** @enum {string} */
            rule: "merchant" | "per_point" | "share";
            fenPerPoint?: number;
            sharePercent?: number;
        };
        PosKey: {
            /** Format: uuid */
            id: string;
            key: string;
            prefix: string;
        };
        StockEventInput: {
            /** @enum {string} */
            kind: "delivery" | "count" | "return";
            quantity: number;
            costFen?: number;
            supplier?: string;
            reason?: string;
        };
        StockEvents: {
            events: {
                id: string;
                goodsId: string;
                /** @enum {string} */
                kind: "delivery" | "exchange" | "count" | "return" | "reversal";
                quantity: number;
                counted: number | null;
                costFen: number | null;
                supplier: string | null;
                reason: string | null;
                recordId: string | null;
                flagged: boolean;
                createdAt: string;
                stock?: number;
            }[];
        };
        Grant: {
            transferId: string;
            residentId: string;
            points: number;
            balance: number;
        };
        GrantRequest: {
            /** Format: uuid */
            residentId: string;
            points: number;
            reason: string;
        };
        PosVerification: {
            valid: boolean;
            error: string | null;
            voucher: {
                voucherId: string;
                shortId: string;
                capPoints: number;
                issuedAt: number;
                expiresAt: number;
                merchantScope: number;
            } | null;
            /** @enum {string|null} */
            state: "open" | "captured" | "released" | "expired" | "unknown" | null;
            forThisMerchant: boolean;
        };
        PosCapture: {
            /** @description The redemption record id */
            id: string;
            /** @enum {string} */
            outcome: "accepted" | "voucher_already_redeemed" | "bad_voucher" | "wrong_merchant" | "bad_device_signature" | "insufficient_points" | "points_exceed_cap" | "device_revoked" | "sequence_conflict" | "bad_record";
            detail: string | null;
            points: number;
            lines?: {
                goodsId: string;
                name: string;
                unit: string;
                quantity: number;
                points: number;
                copayFen: number;
            }[];
        };
        BasketLineInput: {
            /** Format: uuid */
            goodsId: string;
            quantity: number;
        };
        PosReversal: {
            id: string;
            /** @enum {boolean} */
            reversed: true;
            points: number;
        };
        SettlementPeriod: {
            id: string;
            label: string;
            startsAt: string;
            endsAt: string;
            /** @enum {string} */
            state: "open" | "closed";
            closedAt: string | null;
        };
        SettlementStatement: {
            id: string;
            periodId: string;
            periodLabel: string;
            merchantId: string;
            /** @description The merchant's name at the close */
            merchantName: string;
            merchantNumber: number;
            redemptions: number;
            pointsCaptured: number;
            pointsReversed: number;
            pointsAdjusted: number;
            netPoints: number;
            billFen: number;
            discountFen: number;
            rateFenPerPoint: number;
            /**
             * @description Who funded the discounts: the merchant (nothing due), the alliance per point, or a share
             * @enum {string}
             */
            fundingRule: "merchant" | "per_point" | "share";
            fundingSharePercent: number | null;
            /** @description The amount due to the merchant, in fen */
            reimbursementFen: number;
            /** @description Offers with their own funding rule: their captures' net points, discount and amount due (included in reimbursementFen); the merchant's rule funds the rest */
            offerFunding: {
                offerId: string;
                code: string;
                /** @enum {string} */
                rule: "merchant" | "per_point" | "share";
                fenPerPoint: number;
                sharePercent: number | null;
                points: number;
                discountFen: number;
                dueFen: number;
            }[];
            conflicts: number;
            limitBreaches: number;
            paidAt: string | null;
            paidReference: string | null;
        };
        StatementLine: {
            transferId: string;
            /** @description capture, reverse or adjust */
            kind: string;
            createdAt: string;
            recordId: string | null;
            deviceId: string | null;
            offerId: string | null;
            scannedAt: string | null;
            /** @description Signed: positive is owed to the merchant */
            points: number;
            billFen: number;
            discountFen: number;
            reason: string | null;
        };
        Conflict: {
            id: string;
            /** @enum {string} */
            kind: "double_presentment" | "late_shortfall";
            recordId: string;
            voucherId: string;
            merchantId: string;
            deviceId: string | null;
            points: number;
            createdAt: string;
            /** @enum {string|null} */
            bears: "alliance" | "merchant" | null;
            decidedAt: string | null;
            note: string | null;
        };
        Staff: {
            id: string;
            name: string;
            email: string | null;
            phone: string | null;
            /** @enum {string} */
            role: "coordinator" | "staff";
            rights: string[];
            areas: string[];
            /** @description Their own resident record, if any */
            residentId: string | null;
            /** @description A one-time sign-in code is waiting to be used until then */
            signInCodeExpiresAt: string | null;
            disabled: boolean;
            createdAt: string;
        };
        StaffWithCode: components["schemas"]["Staff"] & {
            /** @description The one-time sign-in code (8 digits), shown this once: hand it to the staff member */
            signInCode?: string;
        };
        StaffInput: {
            name: string;
            email?: string;
            phone?: string;
            password?: string;
            rights: ("reviewer" | "inspector" | "organizer" | "cashier")[];
            areas?: string[];
            /** Format: uuid */
            residentId?: string;
        };
        StaffChanges: {
            name?: string;
            phone?: string | null;
            password?: string;
            /** @enum {boolean} */
            newSignInCode?: true;
            rights?: ("reviewer" | "inspector" | "organizer" | "cashier")[];
            areas?: string[];
            /** Format: uuid */
            residentId?: string | null;
            disabled?: boolean;
        };
        RuleInput: {
            code: string;
            category: string;
            titleZh: string;
            titleEn?: string;
            /** @enum {string} */
            kind: "fixed" | "per_hour" | "range" | "deduction";
            points?: number;
            pointsPerHour?: number;
            min?: number;
            max?: number;
            /** @enum {string} */
            evidence: "required" | "optional" | "none";
            selfClaim: boolean;
            fourEyes?: boolean;
            limits?: {
                perDay?: number;
                perWeek?: number;
                perMonth?: number;
                pointsPerMonth?: number;
            };
            activeFrom?: string;
            activeTo?: string;
        };
        RuleChanges: {
            category?: string;
            titleZh?: string;
            titleEn?: string;
            /** @enum {string} */
            kind?: "fixed" | "per_hour" | "range" | "deduction";
            points?: number;
            pointsPerHour?: number;
            min?: number;
            max?: number;
            /** @enum {string} */
            evidence?: "required" | "optional" | "none";
            selfClaim?: boolean;
            fourEyes?: boolean;
            limits?: {
                perDay?: number;
                perWeek?: number;
                perMonth?: number;
                pointsPerMonth?: number;
            };
            activeFrom?: string;
            activeTo?: string;
        };
        RuleImport: {
            created: number;
            updated: number;
            unchanged: number;
        };
        ClaimFiled: {
            id: string;
            /** @enum {string} */
            status: "submitted" | "awaiting_second" | "approved" | "refused" | "needs_more";
        };
        ClaimDecision: {
            /** @enum {string} */
            decision: "approve" | "refuse" | "ask_more";
            points?: number;
            reason?: string;
        };
        DeductionInput: {
            /** Format: uuid */
            residentId?: string;
            /** Format: uuid */
            householdId?: string;
            ruleCode: string;
            points?: number;
            note?: string;
            evidenceIds?: string[];
        };
        AppealInput: {
            note?: string;
        };
        AppealDecision: {
            uphold: boolean;
            reason: string;
        };
        InspectionTemplateInput: {
            name: string;
            items: {
                code: string;
                title: string;
                kept: number;
                lost: number;
            }[];
            bonus?: {
                cap: number;
                items: {
                    code: string;
                    title: string;
                    points: number;
                    claimCategory?: string;
                }[];
            };
            /** @enum {string} */
            monthRule?: "every_check" | "last_check";
            /** @enum {string} */
            frequency?: "weekly" | "monthly";
        };
        InspectionInput: {
            /** Format: uuid */
            householdId?: string;
            plateToken?: string;
            /** Format: uuid */
            templateId: string;
            checkedOn?: string;
            items: {
                code: string;
                ok: boolean;
                note?: string;
                /** Format: uuid */
                evidenceId?: string;
            }[];
            note?: string;
            confirmSecond?: boolean;
        };
        ScoringCloseInput: {
            communityId?: string;
        };
        ObjectionInput: {
            note: string;
        };
        ObjectionDecision: {
            uphold: boolean;
            score?: number;
            reason: string;
        };
        ActivityInput: {
            title: string;
            ruleCode: string;
            place: string;
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            capacity: number;
            waitlist?: number;
            /** Format: date-time */
            signupDeadline?: string;
            communities?: string[];
            team?: string;
        };
        SignupInput: {
            /** Format: uuid */
            residentId?: string;
        };
        AttendanceInput: {
            token: string;
        } | {
            /** Format: uuid */
            residentId: string;
            /** @enum {string} */
            direction: "in" | "out";
        };
        ActivityCloseInput: {
            attendees?: {
                /** Format: uuid */
                residentId: string;
                hours: number;
            }[];
        };
        ScreenLinkInput: {
            name: string;
            community?: string;
        };
        AwardInput: {
            /** @enum {string} */
            period: "month" | "year";
            at: string;
            /** @enum {string} */
            scope: "residents" | "households";
            communityId?: string;
            /** Format: uuid */
            holderId: string;
            gift: string;
            valueFen?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: string;
                    phone?: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts; see retryAfter */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    firstSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: string;
                    phone?: string;
                    code: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts; see retryAfter */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enrollResident: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Enrolled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts; see retryAfter */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enrollDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    /** @description Ed25519 public key, base64url (43 characters) */
                    publicKey: string;
                    /** @description A name the coordinator sees, e.g. "前台手机" */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Enrolled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceEnrollment"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts; see retryAfter */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listResidents: {
        parameters: {
            query?: {
                q?: string;
                limit?: number;
                offset?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Residents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        residents: components["schemas"]["Resident"][];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createResident: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewResident"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resident"] & {
                        enrollmentCode: string;
                        enrollmentCodeExpiresAt: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateResident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResidentChanges"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resident"] & {
                        movedPoints: number;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueResidentEnrollmentCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentSlip"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listResidentCards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cards: {
                            id: string;
                            number: string;
                            residentId: string;
                            /** @enum {string} */
                            status: "active" | "lost" | "replaced";
                            locked: boolean;
                            pinSet: boolean;
                            failedPinAttempts: number;
                            issuedAt: string;
                            lostAt: string | null;
                            replacedBy: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueResidentCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string;
                        text: string;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCardPin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    pin: string;
                };
            };
        };
        responses: {
            /** @description PIN set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string;
                        residentId: string;
                        /** @enum {string} */
                        status: "active" | "lost" | "replaced";
                        locked: boolean;
                        pinSet: boolean;
                        failedPinAttempts: number;
                        issuedAt: string;
                        lostAt: string | null;
                        replacedBy: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportCardLost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reported lost */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string;
                        residentId: string;
                        /** @enum {string} */
                        status: "active" | "lost" | "replaced";
                        locked: boolean;
                        pinSet: boolean;
                        failedPinAttempts: number;
                        issuedAt: string;
                        lostAt: string | null;
                        replacedBy: string | null;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unlockCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlocked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string;
                        residentId: string;
                        /** @enum {string} */
                        status: "active" | "lost" | "replaced";
                        locked: boolean;
                        pinSet: boolean;
                        failedPinAttempts: number;
                        issuedAt: string;
                        lostAt: string | null;
                        replacedBy: string | null;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    findHouseholds: {
        parameters: {
            query?: {
                door?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Households */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        households: {
                            id: string;
                            name: string;
                            doorNumber: string | null;
                            community: string | null;
                            grid: string | null;
                            plateUrl: string | null;
                            members: {
                                id: string;
                                name: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createHousehold: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HouseholdInput"];
            };
        };
        responses: {
            /** @description Created, with its door plate */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        doorNumber: string | null;
                        community: string | null;
                        grid: string | null;
                        plateUrl: string | null;
                        members: {
                            id: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reissuePlate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new plate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plateUrl: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    householdOfPlate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The household */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        doorNumber: string | null;
                        community: string | null;
                        grid: string | null;
                        plateUrl: string | null;
                        members: {
                            id: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    householdSheets: {
        parameters: {
            query?: {
                month?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sheets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sheets: {
                            id: string | null;
                            /** @enum {string} */
                            status: "open" | "closed";
                            householdId: string;
                            month: string;
                            templateId: string | null;
                            lines: {
                                code: string;
                                title: string;
                                checks: number;
                                failed: number;
                                kept: boolean;
                                points: number;
                                bonus?: boolean;
                            }[];
                            checks: number;
                            base: number;
                            bonus: number;
                            deductions: number;
                            score: number;
                            closedScore: number | null;
                            rate: number;
                            points: number;
                            transferId: string | null;
                            closedAt: string | null;
                            objectionUntil: string | null;
                            inspections: {
                                id: string;
                                householdId: string;
                                templateId: string;
                                inspectorId: string;
                                checkedOn: string;
                                month: string;
                                week: string;
                                items: {
                                    code: string;
                                    ok: boolean;
                                    note?: string;
                                    evidenceId?: string;
                                }[];
                                note: string | null;
                                createdAt: string;
                            }[];
                            objections: {
                                id: string;
                                sheetId: string;
                                residentId: string;
                                note: string;
                                /** @enum {string} */
                                state: "open" | "upheld" | "rejected";
                                createdAt: string;
                                decidedAt: string | null;
                                reason: string | null;
                                scoreBefore: number | null;
                                scoreAfter: number | null;
                                correctionPoints: number | null;
                                transferId: string | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Merchants */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        merchants: components["schemas"]["Merchant"][];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMerchant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMerchant"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        number: number;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMerchant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MerchantChanges"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        number: number;
                        name: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                offerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferChanges"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGoods: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Goods */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        goods: {
                            id: string;
                            merchantId: string;
                            name: string;
                            points: number;
                            copayFen: number;
                            unit: string;
                            barcode: string | null;
                            stock: number;
                            lowStock: number;
                            low: boolean;
                            active: boolean;
                            photoUrl: string | null;
                            supplier: string | null;
                            costFen: number | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createGood: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GoodInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        merchantId: string;
                        name: string;
                        points: number;
                        copayFen: number;
                        unit: string;
                        barcode: string | null;
                        stock: number;
                        lowStock: number;
                        low: boolean;
                        active: boolean;
                        photoUrl: string | null;
                        supplier: string | null;
                        costFen: number | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGoodsMonthReport: {
        parameters: {
            query: {
                month: string;
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The shop's month (JSON, or with ?format=csv a CSV file: UTF-8 with a BOM) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        merchant: {
                            id: string;
                            number: number;
                            name: string;
                        };
                        startsAt: string;
                        endsAt: string;
                        lines: {
                            goodsId: string;
                            name: string;
                            unit: string;
                            supplier: string | null;
                            unitCostFen: number | null;
                            stockStart: number;
                            delivered: number;
                            deliveredCostFen: number;
                            exchanged: number;
                            points: number;
                            copayFen: number;
                            costValueFen: number;
                            returned: number;
                            returnedCostFen: number;
                            countAdjustment: number;
                            flagged: number;
                            stockEnd: number;
                        }[];
                        totals: {
                            stockStart: number;
                            delivered: number;
                            deliveredCostFen: number;
                            exchanged: number;
                            points: number;
                            copayFen: number;
                            costValueFen: number;
                            returned: number;
                            returnedCostFen: number;
                            countAdjustment: number;
                            flagged: number;
                            stockEnd: number;
                        };
                        pointsPerYuan: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantFunding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingRules"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMerchantFunding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundingRuleInput"];
            };
        };
        responses: {
            /** @description Set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingRule"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueDeviceEnrollmentCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentSlip"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPosKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PosKey"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokePosKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSupplierMonthReport: {
        parameters: {
            query: {
                month: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suppliers' month (JSON, or with ?format=csv a CSV file: UTF-8 with a BOM) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        startsAt: string;
                        endsAt: string;
                        suppliers: {
                            supplier: string | null;
                            lines: {
                                merchantId: string;
                                merchantNumber: number;
                                merchantName: string;
                                goodsId: string;
                                name: string;
                                unit: string;
                                delivered: number;
                                deliveredCostFen: number;
                                returned: number;
                                returnedCostFen: number;
                                netCostFen: number;
                            }[];
                            deliveredCostFen: number;
                            returnedCostFen: number;
                            netCostFen: number;
                        }[];
                        netCostFen: number;
                    };
                    "text/csv": string;
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFlaggedExchanges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Flagged exchanges */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flagged: {
                            eventId: string;
                            goodsId: string;
                            name: string;
                            unit: string;
                            merchantId: string;
                            merchantName: string;
                            quantity: number;
                            recordId: string | null;
                            reason: string | null;
                            stock: number;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkFlaggedExchange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Checked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        checkedAt: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGood: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The good */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        merchantId: string;
                        name: string;
                        points: number;
                        copayFen: number;
                        unit: string;
                        barcode: string | null;
                        stock: number;
                        lowStock: number;
                        low: boolean;
                        active: boolean;
                        photoUrl: string | null;
                        supplier: string | null;
                        costFen: number | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStockEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockEvents"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordStockEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockEventInput"];
            };
        };
        responses: {
            /** @description Recorded, with the stock after it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        goodsId: string;
                        /** @enum {string} */
                        kind: "delivery" | "exchange" | "count" | "return" | "reversal";
                        quantity: number;
                        counted: number | null;
                        costFen: number | null;
                        supplier: string | null;
                        reason: string | null;
                        recordId: string | null;
                        flagged: boolean;
                        createdAt: string;
                        stock?: number;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGoodPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putGoodPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "image/jpeg": string;
                "image/png": string;
                "image/webp": string;
            };
        };
        responses: {
            /** @description The good with its photoUrl */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        merchantId: string;
                        name: string;
                        points: number;
                        copayFen: number;
                        unit: string;
                        barcode: string | null;
                        stock: number;
                        lowStock: number;
                        low: boolean;
                        active: boolean;
                        photoUrl: string | null;
                        supplier: string | null;
                        costFen: number | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    grantPoints: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantRequest"];
            };
        };
        responses: {
            /** @description Granted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Grant"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyCoupons: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Coupons */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        coupons: {
                            id: string;
                            offerId: string;
                            offerCode: string;
                            titleZh: string;
                            titleEn: string;
                            merchantName: string;
                            merchantNumber: number;
                            pricePoints: number;
                            boughtAt: string;
                            expiresAt: string;
                            /** @enum {string} */
                            state: "open" | "used" | "returned";
                            usedAt: string | null;
                        }[];
                        serverTime: string;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buyCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    offerId: string;
                    /** Format: uuid */
                    id?: string;
                };
            };
        };
        responses: {
            /** @description Bought */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        offerId: string;
                        offerCode: string;
                        titleZh: string;
                        titleEn: string;
                        merchantName: string;
                        merchantNumber: number;
                        pricePoints: number;
                        boughtAt: string;
                        expiresAt: string;
                        /** @enum {string} */
                        state: "open" | "used" | "returned";
                        usedAt: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCouponCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                couponId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        couponId: string;
                        text: string;
                        voucherId: string;
                        issuedAt: string;
                        expiresAt: string;
                        ttlSeconds: number;
                        couponExpiresAt: string;
                        serverTime: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Balance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resident: {
                            id: string;
                            name: string;
                            householdId: string | null;
                            householdName: string | null;
                            community?: string | null;
                        };
                        alliance: {
                            name: string;
                            timezone: string;
                        };
                        balance: number;
                        held: number;
                        available: number;
                        defaultVoucherCap: number;
                        serverTime: string;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyCards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cards: {
                            id: string;
                            number: string;
                            residentId: string;
                            /** @enum {string} */
                            status: "active" | "lost" | "replaced";
                            locked: boolean;
                            pinSet: boolean;
                            failedPinAttempts: number;
                            issuedAt: string;
                            lostAt: string | null;
                            replacedBy: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyHistory: {
        parameters: {
            query?: {
                limit?: number;
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description History */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            id: string;
                            at: string;
                            /** @enum {string} */
                            kind: "earned" | "spent" | "adjusted" | "reversed" | "deducted" | "restored";
                            points: number;
                            reason: string | null;
                            merchantName: string | null;
                            offerTitleZh: string | null;
                            offerTitleEn: string | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyClaims: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Claims */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claims: {
                            id: string;
                            /** @enum {string} */
                            status: "submitted" | "awaiting_second" | "approved" | "refused" | "needs_more";
                            residentId: string;
                            residentName: string;
                            ruleCode: string;
                            ruleTitleZh: string;
                            ruleTitleEn: string | null;
                            category: string;
                            /** @enum {string} */
                            kind: "fixed" | "per_hour" | "range" | "deduction";
                            occurredOn: string;
                            hours: number | null;
                            note: string | null;
                            public: boolean;
                            points: number | null;
                            min: number | null;
                            max: number | null;
                            awardedPoints: number | null;
                            reason: string | null;
                            evidenceIds: string[];
                            approvals: number;
                            approvalsNeeded: number;
                            createdAt: string;
                            decidedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyDeductions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deductions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deductions: {
                            id: string;
                            ruleCode: string;
                            ruleTitleZh: string;
                            ruleTitleEn: string | null;
                            points: number;
                            takenPoints: number;
                            note: string | null;
                            createdAt: string;
                            /** @enum {string} */
                            appeal: "none" | "appealed" | "upheld" | "rejected";
                            appealUntil: string | null;
                            appealReason: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueVoucher: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    capPoints?: number;
                    merchantNumber?: number;
                    replaces?: string;
                };
            };
        };
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        text: string;
                        voucherId: string;
                        shortId: string;
                        shortCode: string;
                        capPoints: number;
                        issuedAt: string;
                        expiresAt: string;
                        ttlSeconds: number;
                        merchantScope: number;
                        serverTime: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getVoucherStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                voucherId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        voucherId: string;
                        /** @enum {string} */
                        state: "open" | "captured" | "released" | "expired";
                        capturedPoints: number | null;
                        merchantName: string | null;
                        capturedAt: string | null;
                        available: number;
                        serverTime: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putAwayVoucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                voucherId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released (or already resolved) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDeviceConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        merchant: {
                            id: string;
                            number: number;
                            name: string;
                        };
                        deviceId: string;
                        alliance: {
                            name: string;
                            timezone: string;
                            skewSeconds: number;
                        };
                        offers: {
                            code: string;
                            /** @enum {string} */
                            kind: "amount_off" | "percent_off" | "item" | "points_as_cash";
                            titleZh: string;
                            titleEn: string;
                            points: number | null;
                            amountFen: number | null;
                            percent: number | null;
                            capFen: number | null;
                            fenPerPoint: number | null;
                            limits?: {
                                /** @enum {string} */
                                per: "day" | "week" | "month";
                                count: number;
                            }[];
                            season?: {
                                from?: string;
                                to?: string;
                                weekdays?: number[];
                                hours?: {
                                    from: string;
                                    to: string;
                                };
                            } | null;
                            minBillFen?: number | null;
                            funding?: {
                                /** @enum {string} */
                                rule: "merchant";
                            } | {
                                /** @enum {string} */
                                rule: "per_point";
                                fenPerPoint: number;
                            } | {
                                /** @enum {string} */
                                rule: "share";
                                sharePercent: number;
                            } | null;
                            coupon?: {
                                validDays: number;
                            } | null;
                        }[];
                        /** @default [] */
                        goods: {
                            id: string;
                            merchantId: string;
                            name: string;
                            points: number;
                            copayFen: number;
                            unit: string;
                            barcode: string | null;
                            stock: number;
                            lowStock: number;
                            low: boolean;
                            active: boolean;
                            photoUrl: string | null;
                        }[];
                        limits: {
                            offlineMaxPointsPerCapture: number;
                            offlineMaxPointsPerDeviceDay: number;
                        };
                        jwks: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                        lastSeq: number;
                        serverTime: string;
                        cardOfflineFloorPoints?: number;
                        blockedCards?: {
                            id: string;
                            number: string;
                        }[];
                        coupons?: {
                            voucherId: string;
                            offerCode: string;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantDay: {
        parameters: {
            query?: {
                day?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        day: string;
                        redemptions: {
                            id: string;
                            seq: number;
                            deviceId: string;
                            voucherShortId: string;
                            cardNumber?: string | null;
                            points: number;
                            offerId: string | null;
                            offerTitleZh: string | null;
                            offerTitleEn: string | null;
                            deviceName: string | null;
                            billFen: number;
                            discountFen: number;
                            scannedAt: string;
                            receivedAt: string;
                            /** @enum {string} */
                            outcome: "accepted" | "voucher_already_redeemed" | "bad_voucher" | "wrong_merchant" | "bad_device_signature" | "insufficient_points" | "points_exceed_cap" | "device_revoked" | "sequence_conflict" | "bad_record";
                            detail: string | null;
                            reversed: boolean;
                            /** @enum {string|null} */
                            conflict: "open" | "paid_by_alliance" | "refused" | null;
                            /** @default [] */
                            lines: {
                                goodsId: string;
                                name: string;
                                unit: string;
                                quantity: number;
                                points: number;
                                copayFen: number;
                            }[];
                        }[];
                        totals: {
                            count: number;
                            points: number;
                            billFen: number;
                            discountFen: number;
                        };
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantStatements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statements */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        statements: {
                            periodId: string;
                            label: string;
                            startsAt: string;
                            endsAt: string;
                            /** @enum {string} */
                            status: "open" | "closed" | "paid";
                            redemptions: number;
                            points: number;
                            billFen: number;
                            discountFen: number;
                            /** @enum {string} */
                            fundingRule: "merchant" | "per_point" | "share";
                            reimbursementFen: number;
                            paidReference: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookupVoucherByShortCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description The voucher */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        voucher: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts; see retryAfter */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    captureWithCardOnDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    id: string;
                    card: string;
                    pin: string;
                    points?: number;
                    lines?: {
                        /** Format: uuid */
                        goodsId: string;
                        quantity: number;
                    }[];
                    offerId?: string;
                    /** @default 0 */
                    billFen?: number;
                    /** @default 0 */
                    discountFen?: number;
                };
            };
        };
        responses: {
            /** @description The capture’s one outcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        outcome: "accepted" | "voucher_already_redeemed" | "bad_voucher" | "wrong_merchant" | "bad_device_signature" | "insufficient_points" | "points_exceed_cap" | "device_revoked" | "sequence_conflict" | "bad_record";
                        detail: string | null;
                        points: number;
                        balance: number | null;
                        cardNumber: string;
                        replayed: boolean;
                        lines?: {
                            goodsId: string;
                            name: string;
                            unit: string;
                            quantity: number;
                            points: number;
                            copayFen: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    captureRedemption: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    id: string;
                    voucher: string;
                    points: number;
                    offerId: string | null;
                    billFen: number;
                    discountFen: number;
                    scannedAt: number;
                    deviceId: string;
                    seq: number;
                    lines?: {
                        /** Format: uuid */
                        goodsId: string;
                        quantity: number;
                        points: number;
                        copayFen: number;
                    }[];
                    sig: string;
                };
            };
        };
        responses: {
            /** @description The record’s one outcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        outcome: "accepted" | "voucher_already_redeemed" | "bad_voucher" | "wrong_merchant" | "bad_device_signature" | "insufficient_points" | "points_exceed_cap" | "device_revoked" | "sequence_conflict" | "bad_record";
                        detail: string | null;
                        points: number;
                        replayed: boolean;
                        limitBreaches: string[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    syncRedemptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    records: ({
                        /** Format: uuid */
                        id: string;
                        voucher: string;
                        points: number;
                        offerId: string | null;
                        billFen: number;
                        discountFen: number;
                        scannedAt: number;
                        deviceId: string;
                        seq: number;
                        lines?: {
                            /** Format: uuid */
                            goodsId: string;
                            quantity: number;
                            points: number;
                            copayFen: number;
                        }[];
                        sig: string;
                    } | unknown | null)[];
                };
            };
        };
        responses: {
            /** @description Outcomes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            /** @enum {string} */
                            outcome: "accepted" | "voucher_already_redeemed" | "bad_voucher" | "wrong_merchant" | "bad_device_signature" | "insufficient_points" | "points_exceed_cap" | "device_revoked" | "sequence_conflict" | "bad_record";
                            detail: string | null;
                            points: number;
                            replayed: boolean;
                            limitBreaches: string[];
                        }[];
                        missingSeqs: number[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reverseRedemption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reversed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {boolean} */
                        reversed: true;
                        points: number;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyVoucherAtPos: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The scanned "95…" digits */
                    voucher: string;
                };
            };
        };
        responses: {
            /** @description Verdict */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PosVerification"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    captureAtPos: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The scanned "95…" digits */
                    voucher: string;
                    points?: number;
                    lines?: components["schemas"]["BasketLineInput"][];
                    offerId?: string;
                    /** @default 0 */
                    billFen?: number;
                    /** @default 0 */
                    discountFen?: number;
                };
            };
        };
        responses: {
            /** @description The capture’s one outcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PosCapture"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reversePosCapture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reversed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PosReversal"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    captureWithCardAtPos: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    card: string;
                    pin: string;
                    points?: number;
                    lines?: {
                        /** Format: uuid */
                        goodsId: string;
                        quantity: number;
                    }[];
                    offerId?: string;
                    /** @default 0 */
                    billFen?: number;
                    /** @default 0 */
                    discountFen?: number;
                };
            };
        };
        responses: {
            /** @description The capture’s one outcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        outcome: "accepted" | "voucher_already_redeemed" | "bad_voucher" | "wrong_merchant" | "bad_device_signature" | "insufficient_points" | "points_exceed_cap" | "device_revoked" | "sequence_conflict" | "bad_record";
                        detail: string | null;
                        points: number;
                        balance: number | null;
                        cardNumber: string;
                        replayed: boolean;
                        lines?: {
                            goodsId: string;
                            name: string;
                            unit: string;
                            quantity: number;
                            points: number;
                            copayFen: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSettlementPeriods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Periods */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        periods: components["schemas"]["SettlementPeriod"][];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeSettlementPeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Closed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "closed" | "already_closed";
                        period: components["schemas"]["SettlementPeriod"];
                        statements: components["schemas"]["SettlementStatement"][];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStatements: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statements (JSON, or with ?format=csv a CSV file: UTF-8 with a BOM) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        statements: components["schemas"]["SettlementStatement"][];
                    };
                    "text/csv": string;
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatementLines: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statement lines (JSON, or with ?format=csv a CSV file: UTF-8 with a BOM) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        statement: components["schemas"]["SettlementStatement"];
                        lines: components["schemas"]["StatementLine"][];
                    };
                    "text/csv": string;
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markStatementPaid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reference: string;
                };
            };
        };
        responses: {
            /** @description Paid */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "paid" | "already_paid";
                        paidAt: string;
                        reference: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listConflicts: {
        parameters: {
            query?: {
                undecided?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Conflicts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conflicts: components["schemas"]["Conflict"][];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideConflict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    bears: "alliance" | "merchant";
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Decided */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conflict"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStaff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Staff */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        staff: components["schemas"]["Staff"][];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    inviteStaff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffInput"];
            };
        };
        responses: {
            /** @description Invited */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffWithCode"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffChanges"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffWithCode"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rules: {
                            id: string;
                            code: string;
                            version: number;
                            category: string;
                            titleZh: string;
                            titleEn: string | null;
                            /** @enum {string} */
                            kind: "fixed" | "per_hour" | "range" | "deduction";
                            points: number | null;
                            pointsPerHour: number | null;
                            min: number | null;
                            max: number | null;
                            /** @enum {string} */
                            evidence: "required" | "optional" | "none";
                            selfClaim: boolean;
                            fourEyes: boolean;
                            limits: {
                                perDay?: number;
                                perWeek?: number;
                                perMonth?: number;
                                pointsPerMonth?: number;
                            };
                            activeFrom: string | null;
                            activeTo: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        code: string;
                        version: number;
                        category: string;
                        titleZh: string;
                        titleEn: string | null;
                        /** @enum {string} */
                        kind: "fixed" | "per_hour" | "range" | "deduction";
                        points: number | null;
                        pointsPerHour: number | null;
                        min: number | null;
                        max: number | null;
                        /** @enum {string} */
                        evidence: "required" | "optional" | "none";
                        selfClaim: boolean;
                        fourEyes: boolean;
                        limits: {
                            perDay?: number;
                            perWeek?: number;
                            perMonth?: number;
                            pointsPerMonth?: number;
                        };
                        activeFrom: string | null;
                        activeTo: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    editRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleChanges"];
            };
        };
        responses: {
            /** @description The new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        code: string;
                        version: number;
                        category: string;
                        titleZh: string;
                        titleEn: string | null;
                        /** @enum {string} */
                        kind: "fixed" | "per_hour" | "range" | "deduction";
                        points: number | null;
                        pointsPerHour: number | null;
                        min: number | null;
                        max: number | null;
                        /** @enum {string} */
                        evidence: "required" | "optional" | "none";
                        selfClaim: boolean;
                        fourEyes: boolean;
                        limits: {
                            perDay?: number;
                            perWeek?: number;
                            perMonth?: number;
                            pointsPerMonth?: number;
                        };
                        activeFrom: string | null;
                        activeTo: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Imported */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleImport"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "image/jpeg": string;
                "image/png": string;
                "image/webp": string;
            };
        };
        responses: {
            /** @description Stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reviewQueue: {
        parameters: {
            query?: {
                status?: "submitted" | "awaiting_second" | "needs_more";
                category?: string;
                rule?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Claims */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claims: {
                            id: string;
                            /** @enum {string} */
                            status: "submitted" | "awaiting_second" | "approved" | "refused" | "needs_more";
                            residentId: string;
                            residentName: string;
                            ruleCode: string;
                            ruleTitleZh: string;
                            ruleTitleEn: string | null;
                            category: string;
                            /** @enum {string} */
                            kind: "fixed" | "per_hour" | "range" | "deduction";
                            occurredOn: string;
                            hours: number | null;
                            note: string | null;
                            public: boolean;
                            points: number | null;
                            min: number | null;
                            max: number | null;
                            awardedPoints: number | null;
                            reason: string | null;
                            evidenceIds: string[];
                            approvals: number;
                            approvalsNeeded: number;
                            createdAt: string;
                            decidedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileClaim: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ruleCode: string;
                    occurredOn: string;
                    hours?: number;
                    note?: string;
                    evidenceIds?: string[];
                    public?: boolean;
                    /** Format: uuid */
                    residentId?: string;
                };
            };
        };
        responses: {
            /** @description Filed */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFiled"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideClaim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimDecision"];
            };
        };
        responses: {
            /** @description The claim after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "submitted" | "awaiting_second" | "approved" | "refused" | "needs_more";
                        residentId: string;
                        residentName: string;
                        ruleCode: string;
                        ruleTitleZh: string;
                        ruleTitleEn: string | null;
                        category: string;
                        /** @enum {string} */
                        kind: "fixed" | "per_hour" | "range" | "deduction";
                        occurredOn: string;
                        hours: number | null;
                        note: string | null;
                        public: boolean;
                        points: number | null;
                        min: number | null;
                        max: number | null;
                        awardedPoints: number | null;
                        reason: string | null;
                        evidenceIds: string[];
                        approvals: number;
                        approvalsNeeded: number;
                        createdAt: string;
                        decidedAt: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addClaimMaterial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    evidenceIds?: string[];
                };
            };
        };
        responses: {
            /** @description Back in the queue */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFiled"];
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    hideGoodDeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Hidden */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordDeduction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeductionInput"];
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        ruleCode: string;
                        ruleTitleZh: string;
                        ruleTitleEn: string | null;
                        points: number;
                        takenPoints: number;
                        note: string | null;
                        createdAt: string;
                        /** @enum {string} */
                        appeal: "none" | "appealed" | "upheld" | "rejected";
                        appealUntil: string | null;
                        appealReason: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appealDeduction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppealInput"];
            };
        };
        responses: {
            /** @description Appealed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        ruleCode: string;
                        ruleTitleZh: string;
                        ruleTitleEn: string | null;
                        points: number;
                        takenPoints: number;
                        note: string | null;
                        createdAt: string;
                        /** @enum {string} */
                        appeal: "none" | "appealed" | "upheld" | "rejected";
                        appealUntil: string | null;
                        appealReason: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAppeals: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Appeals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deductions: {
                            id: string;
                            ruleCode: string;
                            ruleTitleZh: string;
                            ruleTitleEn: string | null;
                            points: number;
                            takenPoints: number;
                            note: string | null;
                            createdAt: string;
                            /** @enum {string} */
                            appeal: "none" | "appealed" | "upheld" | "rejected";
                            appealUntil: string | null;
                            appealReason: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideAppeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppealDecision"];
            };
        };
        responses: {
            /** @description Decided */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        ruleCode: string;
                        ruleTitleZh: string;
                        ruleTitleEn: string | null;
                        points: number;
                        takenPoints: number;
                        note: string | null;
                        createdAt: string;
                        /** @enum {string} */
                        appeal: "none" | "appealed" | "upheld" | "rejected";
                        appealUntil: string | null;
                        appealReason: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    goodDeedsFeed: {
        parameters: {
            query?: {
                before?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The feed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            claimId: string;
                            name: string;
                            titleZh: string;
                            titleEn: string | null;
                            note: string | null;
                            occurredOn: string;
                            points: number;
                            evidenceIds: string[];
                            likes: number;
                            likedByMe: boolean;
                            approvedAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    likeGoodDeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Liked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInspectionTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Templates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: {
                            id: string;
                            name: string;
                            items: {
                                code: string;
                                title: string;
                                kept: number;
                                lost: number;
                            }[];
                            bonus: {
                                cap: number;
                                items: {
                                    code: string;
                                    title: string;
                                    points: number;
                                    claimCategory?: string;
                                }[];
                            } | null;
                            /** @enum {string} */
                            monthRule: "every_check" | "last_check";
                            /** @enum {string} */
                            frequency: "weekly" | "monthly";
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInspectionTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InspectionTemplateInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        items: {
                            code: string;
                            title: string;
                            kept: number;
                            lost: number;
                        }[];
                        bonus: {
                            cap: number;
                            items: {
                                code: string;
                                title: string;
                                points: number;
                                claimCategory?: string;
                            }[];
                        } | null;
                        /** @enum {string} */
                        monthRule: "every_check" | "last_check";
                        /** @enum {string} */
                        frequency: "weekly" | "monthly";
                        createdAt: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordInspection: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InspectionInput"];
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        householdId: string;
                        templateId: string;
                        inspectorId: string;
                        checkedOn: string;
                        month: string;
                        week: string;
                        items: {
                            code: string;
                            ok: boolean;
                            note?: string;
                            evidenceId?: string;
                        }[];
                        note: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeScoringMonth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ScoringCloseInput"];
            };
        };
        responses: {
            /** @description Closed, or already closed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "closed" | "already_closed";
                        month: string;
                        community: string | null;
                        sheets: number;
                        points: number;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    scoringNotice: {
        parameters: {
            query?: {
                community?: string;
            };
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        community: string | null;
                        households: {
                            rank: number;
                            sheetId: string;
                            householdId: string;
                            doorNumber: string | null;
                            name: string;
                            community: string | null;
                            grid: string | null;
                            base: number;
                            bonus: number;
                            deductions: number;
                            score: number;
                            points: number;
                        }[];
                        mostLost: {
                            code: string;
                            title: string;
                            households: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openObjections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Open objections */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        objections: {
                            id: string;
                            sheetId: string;
                            residentId: string;
                            note: string;
                            /** @enum {string} */
                            state: "open" | "upheld" | "rejected";
                            createdAt: string;
                            decidedAt: string | null;
                            reason: string | null;
                            scoreBefore: number | null;
                            scoreAfter: number | null;
                            correctionPoints: number | null;
                            transferId: string | null;
                            householdId: string;
                            doorNumber: string | null;
                            householdName: string;
                            month: string;
                            score: number;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    objectToSheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectionInput"];
            };
        };
        responses: {
            /** @description Filed */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        sheetId: string;
                        residentId: string;
                        note: string;
                        /** @enum {string} */
                        state: "open" | "upheld" | "rejected";
                        createdAt: string;
                        decidedAt: string | null;
                        reason: string | null;
                        scoreBefore: number | null;
                        scoreAfter: number | null;
                        correctionPoints: number | null;
                        transferId: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideObjection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                objectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectionDecision"];
            };
        };
        responses: {
            /** @description Decided */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        sheetId: string;
                        residentId: string;
                        note: string;
                        /** @enum {string} */
                        state: "open" | "upheld" | "rejected";
                        createdAt: string;
                        decidedAt: string | null;
                        reason: string | null;
                        scoreBefore: number | null;
                        scoreAfter: number | null;
                        correctionPoints: number | null;
                        transferId: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listActivities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Activities */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activities: {
                            id: string;
                            title: string;
                            ruleCode: string;
                            ruleTitle: string;
                            ruleVersion: number;
                            /** @enum {string} */
                            kind: "fixed" | "per_hour";
                            points: number | null;
                            pointsPerHour: number | null;
                            place: string;
                            startsAt: string;
                            endsAt: string;
                            capacity: number;
                            waitlist: number;
                            signupDeadline: string;
                            communities: string[];
                            team: string | null;
                            /** @enum {string} */
                            status: "open" | "closed";
                            signedUp: number;
                            waitlisted: number;
                            attendanceRate: number | null;
                            /** @enum {string|null} */
                            mySignup?: "signed_up" | "waitlisted" | "cancelled" | null;
                            myWaitPosition?: number | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishActivity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActivityInput"];
            };
        };
        responses: {
            /** @description Published */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        ruleCode: string;
                        ruleTitle: string;
                        ruleVersion: number;
                        /** @enum {string} */
                        kind: "fixed" | "per_hour";
                        points: number | null;
                        pointsPerHour: number | null;
                        place: string;
                        startsAt: string;
                        endsAt: string;
                        capacity: number;
                        waitlist: number;
                        signupDeadline: string;
                        communities: string[];
                        team: string | null;
                        /** @enum {string} */
                        status: "open" | "closed";
                        signedUp: number;
                        waitlisted: number;
                        attendanceRate: number | null;
                        /** @enum {string|null} */
                        mySignup?: "signed_up" | "waitlisted" | "cancelled" | null;
                        myWaitPosition?: number | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The activity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        ruleCode: string;
                        ruleTitle: string;
                        ruleVersion: number;
                        /** @enum {string} */
                        kind: "fixed" | "per_hour";
                        points: number | null;
                        pointsPerHour: number | null;
                        place: string;
                        startsAt: string;
                        endsAt: string;
                        capacity: number;
                        waitlist: number;
                        signupDeadline: string;
                        communities: string[];
                        team: string | null;
                        /** @enum {string} */
                        status: "open" | "closed";
                        signedUp: number;
                        waitlisted: number;
                        attendanceRate: number | null;
                        /** @enum {string|null} */
                        mySignup?: "signed_up" | "waitlisted" | "cancelled" | null;
                        myWaitPosition?: number | null;
                        signups?: {
                            residentId: string;
                            name: string;
                            /** @enum {string} */
                            status: "signed_up" | "waitlisted" | "cancelled";
                            position: number;
                            addedByStaff: boolean;
                            checkedInAt: string | null;
                            checkedOutAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signUpForActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupInput"];
            };
        };
        responses: {
            /** @description Signed up or waiting */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activityId: string;
                        residentId: string;
                        /** @enum {string} */
                        status: "signed_up" | "waitlisted" | "cancelled";
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelActivitySignup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    activityCheckinCode: {
        parameters: {
            query?: {
                direction?: "in" | "out";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        token: string;
                        expiresAt: string;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordAttendance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AttendanceInput"];
            };
        };
        responses: {
            /** @description Recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activityId: string;
                        residentId: string;
                        checkedInAt: string | null;
                        checkedOutAt: string | null;
                        /** @enum {string} */
                        how: "qr" | "hand";
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ActivityCloseInput"];
            };
        };
        responses: {
            /** @description The claims made */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "closed" | "already_closed";
                        claims: {
                            claimId: string;
                            residentId: string;
                            hours: number | null;
                            points: number | null;
                            status: string;
                        }[];
                        signedUp: number;
                        attended: number;
                        attendanceRate: number;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rankings: {
        parameters: {
            query?: {
                period?: "day" | "week" | "month" | "year";
                at?: string;
                scope?: "residents" | "households";
                communityId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rankings: {
                            rank: number;
                            name: string;
                            points: number;
                        }[];
                        me?: {
                            rank: number | null;
                            points: number;
                        };
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listScreenLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The links */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        screens: {
                            id: string;
                            name: string;
                            community: string | null;
                            createdAt: string;
                            lastSeenAt: string | null;
                            revokedAt: string | null;
                            url: string | null;
                            token: string | null;
                        }[];
                    };
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createScreenLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScreenLinkInput"];
            };
        };
        responses: {
            /** @description The link */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        community: string | null;
                        createdAt: string;
                        lastSeenAt: string | null;
                        revokedAt: string | null;
                        url: string | null;
                        token: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeScreenLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked link */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        community: string | null;
                        createdAt: string;
                        lastSeenAt: string | null;
                        revokedAt: string | null;
                        url: string | null;
                        token: string | null;
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readScreen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The screen link’s token */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The screen’s data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alliance: string;
                        screen: {
                            name: string;
                            community: string | null;
                        };
                        generatedAt: string;
                        timezone: string;
                        today: {
                            day: string;
                            top: {
                                rank: number;
                                name: string;
                                points: number;
                            }[];
                        };
                        month: {
                            month: string;
                            top: {
                                rank: number;
                                name: string;
                                points: number;
                            }[];
                        };
                        deeds: {
                            name: string;
                            title: string;
                            points: number;
                            occurredOn: string;
                            approvedAt: string;
                            photos: string[];
                        }[];
                        activities: {
                            title: string;
                            place: string;
                            startsAt: string;
                            endsAt: string;
                            capacity: number;
                            placesLeft: number;
                        }[];
                        points: {
                            month: string;
                            earned: number;
                            spentAtMerchants: number;
                        };
                        merchants: {
                            name: string;
                            address: string | null;
                            offers: string[];
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readScreenPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The screen link’s token */
                token: string;
                photoId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAwards: {
        parameters: {
            query?: {
                period?: "month" | "year";
                at?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The awards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        period: "month" | "year";
                        periodStart: string;
                        awards: {
                            id: string;
                            /** @enum {string} */
                            period: "month" | "year";
                            periodStart: string;
                            /** @enum {string} */
                            scope: "residents" | "households";
                            community: string | null;
                            holderId: string;
                            holderName: string;
                            rank: number;
                            points: number;
                            gift: string;
                            valueFen: number | null;
                            givenBy: {
                                id: string;
                                name: string | null;
                            };
                            givenAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    giveAward: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AwardInput"];
            };
        };
        responses: {
            /** @description Already recorded: the first award, unchanged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "recorded" | "already_recorded";
                        award: {
                            id: string;
                            /** @enum {string} */
                            period: "month" | "year";
                            periodStart: string;
                            /** @enum {string} */
                            scope: "residents" | "households";
                            community: string | null;
                            holderId: string;
                            holderName: string;
                            rank: number;
                            points: number;
                            gift: string;
                            valueFen: number | null;
                            givenBy: {
                                id: string;
                                name: string | null;
                            };
                            givenAt: string;
                        };
                    };
                };
            };
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "recorded" | "already_recorded";
                        award: {
                            id: string;
                            /** @enum {string} */
                            period: "month" | "year";
                            periodStart: string;
                            /** @enum {string} */
                            scope: "residents" | "households";
                            community: string | null;
                            holderId: string;
                            holderName: string;
                            rank: number;
                            points: number;
                            gift: string;
                            valueFen: number | null;
                            givenBy: {
                                id: string;
                                name: string | null;
                            };
                            givenAt: string;
                        };
                    };
                };
            };
            /** @description Invalid request (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the token is invalid or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but this role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with an earlier request */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
