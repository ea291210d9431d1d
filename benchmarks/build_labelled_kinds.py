"""The kinds of account of the generated labelled set: one function per kind, each adding
records to a :class:`build_labelled_set.Builder`.  Labels say what the account is (its
template), never what the engine finds."""

from __future__ import annotations

import labelled_pools as P
from build_labelled_set import EVASIONS

ORG = "impersonate_organisation"
STATE = "impersonate_state"
NEWS = "impersonate_news_media"
PLACE = "misuse_place_name"
CONTACT = "embedded_contact"
CLAIM = "misleading_claim"
BANNED = "prohibited_content"
QUAL = "qualification_required"
PROF = "profession_mismatch"
STRICT = "strict_verification"


def news_word(name: str) -> list[str]:
    """A name holding a news word presents itself as a news source as well (2022/8(4))."""
    return [NEWS] if any(w in name for w in P.NEWS_WORDS) else []


def organisations(b) -> None:
    r = b.rng
    bodies = P.ORGANS + P.ORGAN_SHORT + P.MILITARY
    for body in bodies:
        how = b.evasion()
        b.add({"name": b.evade(body, how)}, [ORG, *b.strict(body), *news_word(body)],
              f"org {how}", body)  # fmt: skip
    for body in r.sample(bodies, 60):
        how = b.evasion(["plain", "spaces", "separator", "traditional"])
        form = r.choice(["bio_cue", "certification", "official"])
        text = b.evade(body, how)
        if form == "bio_cue":
            bio = r.choice(["本号是{}指定账号", "这里是{}", "我们是{}", "{}发布"]).format(text)
            b.add(
                {"name": b.nick(), "bio": bio}, [ORG, *b.strict(body)], f"org bio cue {how}", body
            )
        elif form == "certification":
            b.add({"name": b.nick() + "小站", "certification": text}, [ORG, *b.strict(body)],
                  f"org certification {how}", body)  # fmt: skip
        else:
            b.add({"name": text + "官方"}, [ORG, CLAIM, *b.strict(body)], f"org + 官方 {how}", body)
    for brand in P.BANKS_PLATFORMS:
        how = b.evasion(["plain", "spaces", "traditional", "homophone", "pinyin_one"])
        end = r.choice(["客服", "客服中心", "官方客服", "信用卡中心", "理赔中心", "售后客服"])
        expect = [ORG, *b.strict(brand)] + ([CLAIM] if "官方" in end else [])
        b.add({"name": b.evade(brand, how) + end}, expect, f"org enterprise + {end} {how}", brand)
    for _ in range(90):
        level = r.random()
        if level < 0.45:
            name = r.choice(P.CITIES) + r.choice(P.CITY_ORGAN_ENDINGS)
        elif level < 0.75:
            name = r.choice(P.COUNTIES) + r.choice(P.COUNTY_ORGAN_ENDINGS)
        else:
            end = r.choice(P.PROVINCE_ORGAN_ENDINGS)
            prov = r.choice(P.PROVINCES)
            name = prov + end
        how = b.evasion(["plain", "plain", "spaces", "separator", "invisible", "traditional"])
        b.add({"name": b.evade(name, how)}, [ORG], f"org local organ {how}", name)


def states(b) -> None:
    r = b.rng
    for country in P.COUNTRIES:
        form = r.choice(
            ["{}驻华大使馆", "{}驻{}总领事馆", "{}政府", "{}驻华使馆", "{}领事馆", "{}"]
        )
        name = form.format(country, r.choice(P.MISSION_CITIES))
        how = b.evasion(["plain", "plain", "spaces", "separator", "traditional", "pinyin_one"])
        b.add({"name": b.evade(name, how)}, [STATE], f"state {form} {how}", country)
    for country in P.COUNTRY_EN:
        form = r.choice(["Embassy of {} in China", "Embassy of {}", "Consulate General of {}"])
        how = b.evasion(["plain", "plain", "cyrillic", "fullwidth"])
        name = b.evade(form.format(country), how)
        b.add({"name": name}, [STATE], f"state English mission {how}", country)
    for adj in P.ADJECTIVE_EN:
        form = r.choice(["{} Embassy", "{} Consulate General in Shanghai", "{} Embassy Beijing"])
        b.add({"name": form.format(adj)}, [STATE], "state English adjective mission", adj)
    for org in P.INTL_ORGS:
        how = b.evasion(["plain", "spaces", "separator", "traditional", "homophone"])
        form = r.choice(["{}", "{}", "{}驻华代表处", "{}中国办公室"])
        expect = [STATE, *b.strict(form)]
        b.add({"name": b.evade(form.format(org), how)}, expect, f"state intl org {how}", org)
    for org in P.INTL_ORGS_EN:
        b.add({"name": org}, [STATE], "state intl org English", org)


def news(b) -> None:
    r = b.rng
    for brand in P.NEWS_BRANDS + P.NEWS_BRANDS_NO_NEWS_WORD:
        how = b.evasion()
        b.add({"name": b.evade(brand, how)}, [NEWS, *b.strict(brand)], f"news brand {how}", brand)
    for _ in range(45):
        form = r.choice(P.NEWS_WORD_NAMES)
        name = form.format(place=r.choice(P.CITIES + ["城市", "每日", "身边", "天下", "环球"]))
        how = b.evasion(["plain", "plain", "spaces", "traditional", "separator"])
        b.add({"name": b.evade(name, how)}, [NEWS], f"news word {how}")


def places(b) -> None:
    r = b.rng
    for seat in P.SEATS:
        for form in ("{}", r.choice(["{}办公室", "{}接待处", "{}管理处", "{}服务中心"])):
            how = b.evasion(["plain", "spaces", "separator", "traditional", "homophone"])
            b.add({"name": b.evade(form.format(seat), how)}, [PLACE], f"seat {how}", seat)
    for _ in range(50):
        place = r.choice(P.CITIES + P.PROVINCES)
        cue = r.choice(P.PLACE_CUES)
        expect = [PLACE] + ([CLAIM] if cue == "官方" else [])
        how = b.evasion(["plain", "spaces", "traditional"])
        b.add({"name": b.evade(place + cue, how)}, expect, f"place + {cue} {how}", place)


def banned(b) -> None:
    r = b.rng
    for kind, terms in P.PROHIBITED.items():
        for term in terms:
            for _ in range(2):
                name, bio, sig = r.choice(P.PROHIBITED_TEMPLATES)
                how = b.evasion([*EVASIONS, "emoji", "emoji"])
                text = b.evade(term, how)
                how = how if text != term else "plain"
                fields = {
                    "name": name.format(nick=b.nick(), nick2=b.nick(), term=text),
                    "bio": bio.format(term=text) or b.filler(),
                    "signature": sig.format(term=text),
                }
                b.add(fields, [BANNED], f"prohibited {kind} {how}", term)


def claims(b) -> None:
    r = b.rng
    for term in P.CLAIMS:
        for _ in range(2):
            name, bio, sig = r.choice(P.CLAIM_TEMPLATES)
            how = b.evasion(["plain", "plain", "spaces", "traditional", "separator"])
            text = b.evade(term, how)
            fields = {"name": name.format(nick=b.nick(), term=text), "bio": bio.format(term=text),
                      "signature": sig.format(term=text)}  # fmt: skip
            b.add(fields, [CLAIM, *b.strict(term)], f"claim {how}", term)


def advice(b) -> None:
    r = b.rng
    for text, field in P.ADVICE * 3:
        how = b.evasion(["plain", "plain", "spaces", "traditional", "homophone"])
        name = b.nick() + r.choice(["", "说", "的频道", "分享"])
        b.add({"name": name, "bio": b.evade(text, how)}, [QUAL], f"advice {field} {how}")
    for text, field in P.ADVICE_CLAIMS * 2:
        b.add({"name": b.nick(), "bio": text}, [QUAL, CLAIM], f"advice {field} + claim")


def professions(b) -> None:
    r = b.rng
    for claim, field in P.PROFESSIONS * 3:
        verified = r.choice(P.VERIFIED_PROFESSIONS)
        quals = [field] if field else []
        written = claim
        how = "plain"
        if claim in P.PROFESSION_PINYIN and r.random() < 0.4:
            written, how = P.PROFESSION_PINYIN[claim], "pinyin"
        where = r.choice(["name", "bio"])
        account = {"verified_profession": verified, "qualifications": quals}
        if where == "name":
            account["name"] = (
                r.choice("王李张刘陈杨") + written if how == "plain" else written + b.nick()
            )
        else:
            account["name"] = b.nick()
            account["bio"] = f"执业{written}，{b.filler()}"
        b.add(account, [PROF], f"profession {how} in {where}", claim)


def contacts(b) -> None:
    r = b.rng
    for _ in range(330):
        kind = r.choice(list(P.CONTACT_CUES))
        cue = r.choice(P.CONTACT_CUES[kind])
        if r.random() < 0.25 and any("a" <= c.lower() <= "z" for c in cue):
            cue = b.evade(cue, "cyrillic")
        style = r.choice(P.DIGIT_STYLES)
        if kind == "phone":
            ident = b.digits(
                "1" + r.choice("3456789") + "".join(r.choices("0123456789", k=9)), style
            )
        elif kind == "qq":
            ident = b.digits(
                r.choice("123456789") + "".join(r.choices("0123456789", k=r.randint(5, 9))), style
            )
        elif kind == "telegram":
            ident = "@" + "".join(r.choices("abcdefghjkmnpqrstuvwxyz", k=r.randint(5, 9)))
        else:
            letters = "".join(r.choices("abcdefghjkmnpqrstuvwxyz", k=r.randint(3, 7)))
            ident = letters + b.digits("".join(r.choices("0123456789", k=r.randint(3, 6))), style)
        layout = r.choice(["bio", "bio", "name", "signature", "split"])
        if layout == "split":
            cut = max(2, len(ident) // 2)
            account = {"name": b.nick() + " " + cue, "bio": ident[:cut], "signature": ident[cut:]}
        elif layout == "name":
            account = {"name": f"{b.nick()}{cue}{ident}"}
        else:
            account = {"name": b.nick(), layout: f"{cue}：{ident}"}
        b.add(account, [CONTACT], f"contact {kind} {style} {layout}")


def strict_words(b) -> None:
    tails = ["风味小厨", "手工艺", "茶文化", "书法爱好者", "功夫迷", "美食地图", "象棋", "古风",
             "跑友会", "队球迷", "好声音", "地理迷"]  # fmt: skip
    for form in P.STRICT_NAMES:
        if form.startswith("中央"):
            continue
        for tail in tails[:8]:
            name = form.format(x=tail)
            how = b.evasion(["plain", "spaces", "traditional", "pinyin_one", "invisible"])
            b.add({"name": b.evade(name, how)}, [STRICT], f"strict {how}")


def clean(b) -> None:
    r = b.rng
    for phrase in P.EVERYDAY:
        b.add({"name": phrase, "bio": b.filler()}, [], "clean everyday name")
        b.add({"name": b.nick(), "bio": phrase}, [], "clean everyday bio")
    for name, org in P.VERIFIED_BODIES:
        account = {"name": name, "kind": "organisation", "verified_org_name": org}
        # The five words need the verified name to hold them too (2022/10).
        expect = [w for w in b.strict(name) if not b.strict(org)]
        b.add(account, expect, "clean verified body")
        b.add({**account, "bio": "官方账号，" + b.filler()}, expect, "clean verified body + 官方")
    for claim, field in P.PROFESSIONS:
        quals = [field] if field else []
        b.add({"name": r.choice("王李张刘陈") + claim, "verified_profession": claim,
               "qualifications": quals}, [], "clean verified profession")  # fmt: skip
    for text, field in P.ADVICE:
        b.add({"name": b.nick(), "bio": text, "qualifications": [field]}, [], "clean qualified")
    for city in r.sample(P.CITIES, 30):
        b.add({"name": city + r.choice(["日报", "晚报", "新闻", "头条"]), "kind": "organisation",
               "verified_org_name": city + "日报社", "qualifications": ["news"]}, [],
              "clean licensed news")  # fmt: skip
    mentions = [
        "{}电影",
        "{}旅游攻略",
        "{}美食",
        "{}留学生活",
        "我爱{}文化",
        "{}语学习笔记",
        "{}音乐",
    ]
    for country in r.sample(P.COUNTRIES, 40):
        b.add({"name": r.choice(mentions).format(country)}, [], "clean state mention")
    for city in r.sample(P.CITIES, 40):
        tail = r.choice(["美食探店", "小王的日常", "租房记", "跑步团", "摄影", "周末去哪儿"])
        b.add({"name": city + tail}, [], "clean place mention")
    for brand in r.sample(P.BANKS_PLATFORMS, 20):
        b.add({"name": brand + r.choice(["粉丝团", "手机维修", "用户交流", "爱好者"])},
              b.strict(brand), "clean brand mention (2022/10 still asks for strict checks)")  # fmt: skip
    negated = ["远离{}", "拒绝{}", "警惕{}", "严禁{}", "举报{}"]
    for kind, terms in P.PROHIBITED.items():
        for term in r.sample(terms, 6):
            b.add(
                {"name": b.nick(), "bio": r.choice(negated).format(term)},
                [],
                f"clean negated {kind}",
            )
    for term in r.sample(P.CLAIMS, 15):
        b.add(
            {"name": b.nick(), "bio": f"不{term}，只求真实"}, b.strict(term), "clean negated claim"
        )
    for _ in range(230):
        name = b.nick() + r.choice(
            ["的日常", "爱生活", "在路上", "的小屋", "学画画", "练吉他", "的厨房"]
        )
        bio = "，".join(r.sample(P.FILLER_BIO, 2)) + r.choice(
            ["", "，今年24岁", "，身高170", "，2019年入坑"]
        )
        b.add({"name": name, "bio": bio, "signature": r.choice(P.SIGNATURES)}, [], "clean ordinary")


def build_all(b) -> None:
    for kind in (organisations, states, news, places, banned, claims, advice, professions,
                 contacts, strict_words, clean):  # fmt: skip
        kind(b)
