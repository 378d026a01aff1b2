/// The pyubx2 generator run as `python3 -c` by `Pyubx2.frames()` (kept in Swift so SwiftPM needs no resource rule).
///
/// It builds UBX frames with pyubx2 (an independent UBX implementation) and prints, one JSON object per line, the
/// frame bytes plus the fields pyubx2 parses back from them; Takt's decoder must agree field by field.
enum Pyubx2Script {
    static let source = #"""
        #!/usr/bin/env python3
        # Generates UBX frames with pyubx2 (an independent UBX implementation) and prints, one JSON object per line,
        # the frame bytes plus the fields pyubx2 parses back from those bytes. Seeded, so the output is deterministic.
        import json
        import random
        import sys

        from pyubx2 import GET, UBXMessage, UBXReader

        rng = random.Random(20261125)


        def i4():
            return rng.randint(-(2**31), 2**31 - 1)


        def u4():
            return rng.randint(0, 2**32 - 1)


        def msgs():
            for _ in range(3):
                yield UBXMessage(
                    "NAV", "NAV-PVT", GET, iTOW=u4(), year=rng.randint(2000, 2100), month=rng.randint(1, 12),
                    day=rng.randint(1, 28), hour=rng.randint(0, 23), min=rng.randint(0, 59), second=rng.randint(0, 59),
                    validDate=1, validTime=1, fullyResolved=1, tAcc=u4(), nano=rng.randint(-999999999, 999999999),
                    fixType=rng.randint(0, 5), gnssFixOk=1, difSoln=rng.randint(0, 1), carrSoln=rng.randint(0, 2),
                    numSV=rng.randint(0, 40), lon=rng.randint(-1800000000, 1800000000) * 1e-7,
                    lat=rng.randint(-900000000, 900000000) * 1e-7, height=i4(), hMSL=i4(), hAcc=u4(), vAcc=u4(),
                    velN=i4(), velE=i4(), velD=i4(), gSpeed=i4(), headMot=rng.randint(0, 36000000) * 1e-5, sAcc=u4(),
                    headAcc=rng.randint(0, 36000000) * 1e-5, pDOP=rng.randint(0, 9999) * 0.01,
                )
                yield UBXMessage(
                    "NAV", "NAV-TIMEGPS", GET, iTOW=u4(), fTOW=rng.randint(-500000, 500000), week=rng.randint(0, 4000),
                    leapS=rng.randint(-128, 127), towValid=1, weekValid=1, leapSValid=rng.randint(0, 1), tAcc=u4(),
                )
                yield UBXMessage(
                    "TIM", "TIM-TP", GET, towMS=u4(), towSubMS=u4() * 2**-32, qErr=i4(), week=rng.randint(0, 65535),
                    timeBase=rng.randint(0, 1), utc=1, qErrInvalid=rng.randint(0, 1),
                )
                yield UBXMessage(
                    "TIM", "TIM-TM2", GET, ch=rng.randint(0, 1), mode=1, run=1, newFallingEdge=rng.randint(0, 1),
                    timeBase=rng.randint(0, 2), utc=1, time=1, newRisingEdge=rng.randint(0, 1), count=rng.randint(0, 65535),
                    wnR=rng.randint(0, 65535), wnF=rng.randint(0, 65535), towMsR=rng.randint(0, 604799999),
                    towSubMsR=rng.randint(0, 999999), towMsF=rng.randint(0, 604799999), towSubMsF=rng.randint(0, 999999),
                    accEst=u4(),
                )
                # pyubx2 1.4.0 cannot build these two repeated-group messages from keywords; the payload bytes are
                # built here and pyubx2 parses them independently.
                n = rng.randint(1, 6)
                payload = bytes(4)
                for _ in range(n):
                    word = (rng.choice([5, 12, 13, 14, 16, 17, 18]) << 24) | rng.randint(0, 2**24 - 1)
                    payload += word.to_bytes(4, "little") + u4().to_bytes(4, "little")
                yield UBXMessage("ESF", "ESF-RAW", GET, payload=payload)
                n = rng.randint(1, 8)
                calib = rng.randint(0, 1)
                flags = (n << 11) | (calib << 3)
                payload = u4().to_bytes(4, "little") + flags.to_bytes(2, "little") + rng.randint(0, 65535).to_bytes(2, "little")
                for _ in range(n):
                    word = (rng.choice([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18]) << 24) | rng.randint(0, 2**24 - 1)
                    payload += word.to_bytes(4, "little")
                if calib:
                    payload += u4().to_bytes(4, "little")
                yield UBXMessage("ESF", "ESF-MEAS", GET, payload=payload)
                yield UBXMessage(
                    "ESF", "ESF-INS", GET, version=1, xAngRateValid=1, yAngRateValid=1, zAngRateValid=rng.randint(0, 1),
                    xAccelValid=1, yAccelValid=rng.randint(0, 1), zAccelValid=1, iTOW=u4(), xAngRate=i4() * 0.001,
                    yAngRate=i4() * 0.001, zAngRate=i4() * 0.001, xAccel=i4() * 0.01, yAccel=i4() * 0.01,
                    zAccel=i4() * 0.01,
                )
                yield UBXMessage(
                    "HNR", "HNR-PVT", GET, iTOW=u4(), year=rng.randint(2000, 2100), month=rng.randint(1, 12),
                    day=rng.randint(1, 28), hour=rng.randint(0, 23), min=rng.randint(0, 59), second=rng.randint(0, 59),
                    validDate=1, validTime=1, nano=rng.randint(-999999999, 999999999), gpsFix=rng.randint(0, 5),
                    GPSfixOK=1, lon=rng.randint(-1800000000, 1800000000) * 1e-7, lat=rng.randint(-900000000, 900000000) * 1e-7,
                    height=i4(), hMSL=i4(), gSpeed=i4(), speed=i4(), headMot=i4() * 1e-5, headVeh=i4() * 1e-5, hAcc=u4(),
                    vAcc=u4(), sAcc=u4(), headAcc=u4() * 1e-5,
                )
                n = rng.randint(0, 5)
                rawx = {"rcvTow": rng.uniform(0, 604800), "week": rng.randint(0, 4000), "leapS": rng.randint(-128, 127),
                        "numMeas": n, "leapSec": 1, "version": 1}
                for i in range(1, n + 1):
                    s = f"_{i:02d}"
                    rawx.update({
                        "prMes" + s: rng.uniform(1.9e7, 2.6e7), "cpMes" + s: rng.uniform(-1e8, 1e8),
                        "doMes" + s: float(rng.randint(-5000, 5000)), "gnssId" + s: rng.randint(0, 6),
                        "svId" + s: rng.randint(1, 36), "sigId" + s: rng.randint(0, 7), "freqId" + s: rng.randint(0, 13),
                        "locktime" + s: rng.randint(0, 65535), "cno" + s: rng.randint(0, 60), "prStd" + s: rng.randint(0, 15),
                        "cpStd" + s: rng.randint(0, 15), "doStd" + s: rng.randint(0, 15), "prValid" + s: 1,
                        "cpValid" + s: rng.randint(0, 1),
                    })
                yield UBXMessage("RXM", "RXM-RAWX", GET, **rawx)
                n = rng.randint(1, 10)
                sfr = {"gnssId": rng.randint(0, 6), "svId": rng.randint(1, 36), "sigId": rng.randint(0, 7),
                       "freqId": rng.randint(0, 13), "numWords": n, "chn": rng.randint(0, 40), "version": 2}
                for i in range(1, n + 1):
                    sfr[f"dwrd_{i:02d}"] = u4()
                yield UBXMessage("RXM", "RXM-SFRBX", GET, **sfr)


        def plain(v):
            if isinstance(v, (bytes, bytearray)):
                return int.from_bytes(v, "little")
            return v


        for m in msgs():
            frame = m.serialize()
            parsed = UBXReader.parse(frame)
            fields = {k: plain(v) for k, v in vars(parsed).items() if not k.startswith("_")}
            print(json.dumps({"identity": parsed.identity, "hex": frame.hex(), "fields": fields}))
        sys.stdout.flush()
        """#
}
