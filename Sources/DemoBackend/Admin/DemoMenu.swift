/// What the stand-in restaurant sells and who orders from it: the material `DemoOrderMaker` draws
/// orders from. Prices in cents (integers; `Money(cents:)` writes them as `38.00`).
enum DemoMenu {
    struct Item: Sendable {
        var dishId: Int64
        var name: String
        var priceCents: Int64
        /// Flavours a customer may pick (none: the dish has no choice).
        var flavors: [String]
        var image: String
    }

    struct Customer: Sendable {
        var userId: Int64
        var userName: String
        var consignee: String
        var phone: String
        var addressBookId: Int64
        var address: String
    }

    static let items: [Item] = [
        Item(dishId: 46, name: "宫保鸡丁", priceCents: 3200, flavors: ["不辣", "微辣", "中辣"], image: "/images/dish/46.png"),
        Item(dishId: 47, name: "鱼香肉丝", priceCents: 2800, flavors: ["微辣", "中辣"], image: "/images/dish/47.png"),
        Item(dishId: 48, name: "麻婆豆腐", priceCents: 1800, flavors: ["微辣", "重辣"], image: "/images/dish/48.png"),
        Item(dishId: 49, name: "水煮牛肉", priceCents: 4800, flavors: ["中辣", "重辣"], image: "/images/dish/49.png"),
        Item(dishId: 50, name: "酸菜鱼", priceCents: 5800, flavors: ["微辣", "中辣", "重辣"], image: "/images/dish/50.png"),
        Item(dishId: 51, name: "回锅肉", priceCents: 3600, flavors: [], image: "/images/dish/51.png"),
        Item(dishId: 52, name: "清炒时蔬", priceCents: 1600, flavors: ["少盐", "去蒜"], image: "/images/dish/52.png"),
        Item(dishId: 53, name: "番茄炒蛋", priceCents: 1900, flavors: [], image: "/images/dish/53.png"),
        Item(dishId: 54, name: "红烧排骨", priceCents: 4200, flavors: [], image: "/images/dish/54.png"),
        Item(dishId: 55, name: "酸辣土豆丝", priceCents: 1500, flavors: ["微辣", "不要香菜"], image: "/images/dish/55.png"),
        Item(dishId: 56, name: "米饭", priceCents: 200, flavors: [], image: "/images/dish/56.png"),
        Item(dishId: 57, name: "酸梅汤", priceCents: 600, flavors: ["少冰", "去冰", "常温"], image: "/images/dish/57.png"),
    ]

    /// Rice: most orders add a bowl or two.
    static let riceIndex = 10

    static let customers: [Customer] = [
        Customer(userId: 4, userName: "zhangsan", consignee: "张先生", phone: "13812345678", addressBookId: 11, address: "北京市海淀区中关村大街27号3单元502"),
        Customer(userId: 5, userName: "lili", consignee: "李女士", phone: "13998765432", addressBookId: 12, address: "北京市朝阳区望京SOHO T1 1806"),
        Customer(userId: 6, userName: "wangwei", consignee: "王伟", phone: "15011112222", addressBookId: 13, address: "北京市海淀区学院路37号北航东区2号楼"),
        Customer(userId: 7, userName: "zhaomin", consignee: "赵女士", phone: "18600001234", addressBookId: 14, address: "北京市东城区东直门南大街5号中青旅大厦12层"),
        Customer(userId: 8, userName: "chenjie", consignee: "陈先生", phone: "13700005678", addressBookId: 15, address: "北京市西城区金融大街19号富凯大厦B座"),
        Customer(userId: 9, userName: "liuyang", consignee: "刘洋", phone: "17788889999", addressBookId: 16, address: "北京市丰台区丽泽路16号院2号楼801"),
    ]

    static let remarks: [String] = ["", "", "", "不要辣", "多放葱花", "送到楼下打电话", "少放盐，谢谢", "餐具不用了"]

    /// Packing fee per item, and the delivery fee every order pays (the user app's 配送费).
    static let packFeeCentsPerItem: Int64 = 100
    static let deliveryFeeCents: Int64 = 600
}
