//! The province a department belongs to, told from its name: `株洲市荷塘区行政审批服务局` is in
//! 湖南 (株洲 is one of its cities), `中共上海市普陀区委社会工作部` in 上海. The report's `地区`
//! chooses the rule pack, and published reports rarely name their province outright.

/// Each province (its short name, as `地区` is written) and its prefecture-level cities,
/// autonomous prefectures and leagues, by their short names.
const PROVINCES: &[(&str, &str)] = &[
    ("北京", ""),
    ("天津", ""),
    ("上海", ""),
    ("重庆", ""),
    ("河北", "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水"),
    ("山西", "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁"),
    ("内蒙古", "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安 锡林郭勒 阿拉善"),
    ("辽宁", "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛"),
    ("吉林", "长春 吉林 四平 辽源 通化 白山 松原 白城 延边"),
    ("黑龙江", "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭"),
    ("江苏", "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁"),
    ("浙江", "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"),
    ("安徽", "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城"),
    ("福建", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德"),
    ("江西", "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶"),
    ("山东", "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽"),
    ("河南", "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源"),
    ("湖北", "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架"),
    ("湖南", "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西"),
    ("广东", "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮"),
    ("广西", "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左"),
    ("海南", "海口 三亚 三沙 儋州"),
    ("四川", "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山"),
    ("贵州", "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南"),
    ("云南", "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆"),
    ("西藏", "拉萨 日喀则 昌都 林芝 山南 那曲 阿里"),
    ("陕西", "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛"),
    ("甘肃", "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南"),
    ("青海", "西宁 海东 海北 黄南 果洛 玉树 海西"),
    ("宁夏", "银川 石嘴山 吴忠 固原 中卫"),
    ("新疆", "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子"),
];

/// What follows a province's short name when a text names it.
const PROVINCE_SUFFIXES: [&str; 3] = ["省", "市", "自治区"];

/// What follows a city's short name when a text names it (`株洲市`, `湘西州`, `兴安盟`).
const CITY_SUFFIXES: [&str; 5] = ["市", "州", "盟", "地区", "自治州"];

/// The province of the place a name mentions first: `中共上海市普陀区委社会工作部` → 上海,
/// `株洲市荷塘区行政审批服务局` → 湖南. `None` when it names no province or city.
/// Where two places are named from the same position, the one listed first (a province before
/// its cities, in the order of [`PROVINCES`]).
///
/// One pass over the text: at each suffix (`市`, `省`, `州`, …), the few characters before it
/// are looked up among the places' names; so a long text (the first page of a report) costs
/// little.
pub fn region_of(name: &str) -> Option<&'static str> {
    let places = &*PLACES;
    // (start, order in PROVINCES, province): the smallest wins.
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (suffix_at, suffix) in ALL_SUFFIXES.iter().flat_map(|s| name.match_indices(s)) {
        let before = &name[..suffix_at];
        for (chars, (start, _)) in before.char_indices().rev().enumerate() {
            if chars >= places.longest {
                break;
            }
            let Some(entries) = places.names.get(&before[start..]) else {
                continue;
            };
            for &(province, order, is_province) in entries {
                let suffixes: &[&str] = if is_province {
                    &PROVINCE_SUFFIXES
                } else {
                    &CITY_SUFFIXES
                };
                let Some(i) = suffixes.iter().position(|s| *s == suffix) else {
                    continue;
                };
                let candidate = (start, order + i, province);
                if best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                    best = Some(candidate);
                }
            }
        }
    }
    best.map(|(_, _, province)| province)
}

/// Every suffix a place's name may have.
const ALL_SUFFIXES: [&str; 7] = ["省", "市", "自治区", "州", "盟", "地区", "自治州"];

/// The places by name: each with its province, its order among the names a text may contain
/// (`湖南省`, `湖南市`, … `长沙市`, `长沙州`, … in the order of [`PROVINCES`]) and whether it is
/// the province itself; and the longest name, in characters.
struct Places {
    names: std::collections::HashMap<&'static str, Vec<(&'static str, usize, bool)>>,
    longest: usize,
}

static PLACES: std::sync::LazyLock<Places> = std::sync::LazyLock::new(|| {
    let mut names: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
    let mut order = 0;
    for &(province, cities) in PROVINCES {
        names
            .entry(province)
            .or_default()
            .push((province, order, true));
        order += PROVINCE_SUFFIXES.len();
        for city in cities.split_whitespace() {
            names
                .entry(city)
                .or_default()
                .push((province, order, false));
            order += CITY_SUFFIXES.len();
        }
    }
    let longest = names.keys().map(|n| n.chars().count()).max().unwrap_or(0);
    Places { names, longest }
});

#[cfg(test)]
mod tests {
    use super::*;

    /// What `region_of` means, the slow way: every name with every suffix searched for, the
    /// earliest found, the first listed at one position.
    fn reference(name: &str) -> Option<&'static str> {
        let mut best: Option<(usize, &'static str)> = None;
        let mut consider = |at: Option<usize>, province: &'static str| {
            if let Some(at) = at {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, province));
                }
            }
        };
        for &(province, cities) in PROVINCES {
            for suffix in PROVINCE_SUFFIXES {
                consider(name.find(&format!("{province}{suffix}")), province);
            }
            for city in cities.split_whitespace() {
                for suffix in CITY_SUFFIXES {
                    consider(name.find(&format!("{city}{suffix}")), province);
                }
            }
        }
        best.map(|(_, p)| p)
    }

    #[test]
    fn every_place_with_every_suffix_is_found_as_the_slow_search_finds_it() {
        let mut places: Vec<&str> = PROVINCES.iter().map(|(p, _)| *p).collect();
        places.extend(PROVINCES.iter().flat_map(|(_, c)| c.split_whitespace()));
        let mut texts = Vec::new();
        for (i, place) in places.iter().enumerate() {
            let other = places[(i * 7 + 3) % places.len()];
            for suffix in ALL_SUFFIXES {
                texts.push(format!("2021年度{place}{suffix}{other}市某局部门决算"));
                if i % 4 == 0 {
                    texts.push(format!("驻{other}州{place}{suffix}办事处"));
                }
            }
        }
        for text in &texts {
            assert_eq!(region_of(text), reference(text), "{text}");
        }
    }

    #[test]
    fn a_department_is_placed_by_the_first_place_it_names() {
        assert_eq!(region_of("株洲市荷塘区行政审批服务局"), Some("湖南"));
        assert_eq!(region_of("中共上海市普陀区委社会工作部"), Some("上海"));
        assert_eq!(region_of("湖南省财政厅"), Some("湖南"));
        assert_eq!(region_of("吉林市教育局"), Some("吉林"));
        assert_eq!(region_of("湘西州民政局"), Some("湖南"));
        assert_eq!(region_of("某某局"), None);
        // The place named first, not the province listed first (上海 comes before 广东).
        assert_eq!(region_of("广州市驻上海市办事处"), Some("广东"));
        assert_eq!(region_of("上海市驻广州市办事处"), Some("上海"));
        // A district named like a city elsewhere is no city without its 市.
        assert_eq!(region_of("北京市朝阳区教育委员会"), Some("北京"));
    }
}
