/**
 * The purchase pushes of real shop plugins, one order each, as the plugin's own code writes them
 * to the order confirmation page: the same keys, value types and push order (gtag() pushes its
 * `arguments` object), read from each plugin's public source at the commit named. Every fixture
 * is the script the page runs; `ORDER_NUMBER` holds the digits of the page's `?order=`, so each
 * test places a new order, and `expected.eventId` is how the plugin turns it into its id.
 *
 * The same order throughout: 2 × 473.00 + 1 × 200.00 + 49.00 shipping = 1,195.00 SEK, 239.00 tax.
 */
export interface PluginFixture {
  /** Where the shape comes from: repository, path, commit. */
  source: string;
  /** The page script; `ORDER_NUMBER` (a string of digits) is defined before it runs. */
  script: string;
  /** Markup the page holds before the script, `ORDER` standing for the order number. */
  body?: string;
  /** How the page's order number becomes the plugin's transaction id. */
  expected: { eventId: (order: string) => string; amount: number; currency: string; items: number };
}

const SEK_1195 = { amount: 1195, currency: 'SEK', items: 3 };
const same = (order: string) => order;
const magentoIncrementId = (order: string) => order.padStart(9, '0');

export const PLUGIN_FIXTURES: Record<string, PluginFixture> = {
  // GTM4WP (duracelltomi/gtm4wp) src/Modules/WooCommerce/ProductData.php get_purchase_datalayer()
  // and PurchaseTracking.php, commit 0035d4ff6b27752222a97b7e9aa5869c2d30477f.
  'GTM4WP, GA4 purchase': {
    source: 'duracelltomi/gtm4wp src/Modules/WooCommerce/ProductData.php @0035d4ff',
    script: `window.dataLayer = window.dataLayer || [];
window.dataLayer.push({"new_customer":true,"customer_type":"new","event":"purchase","ecommerce":{"currency":"SEK","transaction_id":ORDER_NUMBER,"affiliation":"","value":1195,"tax":239,"shipping":49,"coupon":"","items":[{"item_id":"101","item_name":"Kaffebryggare","sku":"KB-1","price":473,"stocklevel":null,"stockstatus":"instock","google_business_vertical":"retail","item_category":"Kök","quantity":2},{"item_id":"102","item_name":"Filter","sku":"F-2","price":200,"stocklevel":12,"stockstatus":"instock","google_business_vertical":"retail","item_category":"Kök","quantity":1}]}});`,
    expected: { eventId: same, ...SEK_1195 },
  },
  // GTM4WP 1.15 (tag 1.15, commit 7068a700bb914cd272d40f36508d1b359a136ddb)
  // integration/woocommerce.php gtm4wp_get_purchase_datalayer() + gtm4wp_woocommerce_thankyou().
  'GTM4WP 1.15, Enhanced Ecommerce': {
    source: 'duracelltomi/gtm4wp integration/woocommerce.php @1.15 (7068a700)',
    script: `window.dataLayer = window.dataLayer || [];
window.dataLayer.push({"new_customer":true,"event":"gtm4wp.orderCompletedEEC","ecommerce":{"currencyCode":"SEK","purchase":{"actionField":{"id":ORDER_NUMBER,"affiliation":"","revenue":1195,"tax":239,"shipping":49,"coupon":""},"products":[{"id":101,"name":"Kaffebryggare","sku":"KB-1","category":"Kök","price":473,"stocklevel":null,"quantity":2},{"id":102,"name":"Filter","sku":"F-2","category":"Kök","price":200,"stocklevel":12,"quantity":1}]}},"ecomm_prodid":[101,102],"ecomm_pagetype":"purchase","ecomm_totalvalue":1146});`,
    expected: { eventId: same, ...SEK_1195 },
  },
  // WooCommerce Google Analytics Integration, commit 44a8e259fc229dbe3d452f15c0cb10c4e4ea00d0:
  // includes/class-wc-google-gtag-js.php (snippet, region-scoped consent default) and
  // assets/js/src/tracker/data-formatting.js purchase() (transaction_id is $order->get_id(), an int).
  'WooCommerce Google Analytics Integration': {
    source: 'woocommerce/woocommerce-google-analytics-integration @44a8e259',
    script: `window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
for ( const mode of [{"analytics_storage":"denied","ad_storage":"denied","ad_user_data":"denied","ad_personalization":"denied","region":["AT","BE","BG","HR","CY","CZ","DK","EE","FI","FR","DE","GR","HU","IS","IE","IT","LV","LI","LT","LU","MT","NL","NO","PL","PT","RO","SK","SI","ES","SE","GB","CH"]}] || [] ) {
  gtag( "consent", "default", { "wait_for_update": 500, ...mode } );
}
gtag("js", new Date());
gtag("set", "developer_id.dOGY3NW", true);
gtag("config", "G-TEST", {"track_404":true,"allow_google_signals":false,"logged_in":false,"linker":{"domains":[],"allow_incoming":false},"custom_map":{"dimension1":"logged_in"}});
gtag('event', 'purchase', {"transaction_id":Number(ORDER_NUMBER),"affiliation":"Testbutiken","currency":"SEK","value":1195,"tax":239,"shipping":49,"items":[{"item_id":101,"item_name":"Kaffebryggare","item_category":"Kök","quantity":2,"price":473},{"item_id":102,"item_name":"Filter","item_category":"Kök","quantity":1,"price":200}]});`,
    expected: { eventId: same, ...SEK_1195 },
  },
  // Stape GTM Server Side for WordPress, commit f4fc4ed581a01d69cec13abc9df33007273c95b7:
  // includes/class-gtm-server-side-event-purchase.php wp_footer(); amounts from
  // wc_format_decimal() are strings; quantity is intval(). The dataLayer is the one the
  // container snippet of includes/class-gtm-server-side-tracking-code.php made in the head
  // (its loader, which fetches the container, is left out: tests reach no network).
  'Stape GTM Server Side (WooCommerce)': {
    source: 'stape-io/gtm-server-side-wordpress-plugin @f4fc4ed5',
    script: `(function(w,l){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});})(window,'dataLayer');
dataLayer.push( { ecommerce: null } );
dataLayer.push({"event":"purchase","ecomm_pagetype":"purchase","ecommerce":{"transaction_id":ORDER_NUMBER,"affiliation":"","value":"1195.00","tax":"239.00","shipping":"49.00","currency":"SEK","coupon":"","discount_amount":"0.00","items":[{"item_name":"Kaffebryggare","item_brand":"","item_id":"101","item_sku":"KB-1","price":"473.00","imageUrl":"","item_category":"Kök","discount":"0.00","quantity":2,"index":1},{"item_name":"Filter","item_brand":"","item_id":"102","item_sku":"F-2","price":"200.00","imageUrl":"","item_category":"Kök","discount":"0.00","quantity":1,"index":2}]}});`,
    expected: { eventId: same, ...SEK_1195 },
  },
  // Magento 2 core Magento_GoogleGtag: Block/Ga.php getOrdersTrackingData() at commit
  // 0239c25974a9cff062b024929198e61615f8bf73 (number_format(…, 2) → "1,195.00") and
  // view/frontend/web/js/google-analytics.js at 66d9aa23ddf262c2baeef7c714333c3efc518d33.
  'Magento 2 core (Magento_GoogleGtag)': {
    source: 'magento/magento2 app/code/Magento/GoogleGtag @0239c259',
    script: `window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'G-TEST', { 'anonymize_ip': true });
var purchaseObject = {"transaction_id":ORDER_NUMBER.padStart(9, '0'),"affiliation":"Main Website Store","value":"1,195.00","tax":"239.00","shipping":"49.00","currency":"SEK"};
purchaseObject['items'] = [{"index":1,"item_id":"KB-1","item_name":"Kaffebryggare","item_brand":false,"affiliation":"Main Website Store","price":473,"quantity":2},{"index":2,"item_id":"F-2","item_name":"Filter","item_brand":false,"affiliation":"Main Website Store","price":200,"quantity":1}];
gtag('event', 'purchase', purchaseObject);`,
    expected: { eventId: magentoIncrementId, ...SEK_1195 },
  },
  // Yireo GoogleTagManager2, commit c529763f3fb37c02a0f01022588c14f6b9050f21:
  // DataLayer/Event/Purchase.php, DataLayer/Mapper/OrderItemDataMapper.php ((float) qty),
  // view/frontend/web/js/push.js ({ecommerce: null} first).
  'Yireo GoogleTagManager2 (Magento 2)': {
    source: 'yireo/Yireo_GoogleTagManager2 @c529763f',
    script: `window.dataLayer = window.dataLayer || [];
window.dataLayer.push({ecommerce: null});
window.dataLayer.push({"event":"purchase","ecommerce":{"transaction_id":ORDER_NUMBER.padStart(9, '0'),"affiliation":"Main Website Store","currency":"SEK","tax":239.0,"value":1195.0,"value_adjusted":1195.0,"shipping":49.0,"coupon":null,"payment_method":"checkmo","payment_type":"checkmo","items":[{"item_id":"KB-1","item_name":"Kaffebryggare","discount":0.0,"quantity":2.0,"price":473.0},{"item_id":"F-2","item_name":"Filter","discount":0.0,"quantity":1.0,"price":200.0}]}});`,
    expected: { eventId: magentoIncrementId, ...SEK_1195 },
  },
  // MagePal Google Tag Manager (free), commit ed10e12a866511f95de660453d8ec8bb8bfcdda3:
  // Block/DataLayerAbstract.php _init() (ecommerce.currencyCode in the first push) and
  // Model/Order.php getOrderLayer(): the order twice, as gtm.orderComplete and as purchase.
  'MagePal Google Tag Manager (Magento 2)': {
    source: 'magepal/magento2-google-tag-manager @ed10e12a',
    script: `window.dataLayer = window.dataLayer || [];
window.dataLayer.push({"ecommerce":{"currencyCode":"SEK"},"pageType":"checkout_onepage_success","list":"other"});
window.dataLayer.push({"event":"gtm.orderComplete","transactionId":ORDER_NUMBER.padStart(9, '0'),"transactionAffiliation":"Main Website Store","transactionTotal":1195,"transactionSubTotal":1146,"transactionShipping":49,"transactionTax":239,"transactionCouponCode":"","transactionDiscount":0,"transactionProducts":[{"sku":"KB-1","name":"Kaffebryggare","price":473,"quantity":2},{"sku":"F-2","name":"Filter","price":200,"quantity":1}]});
window.dataLayer.push({"event":"purchase","transactionId":ORDER_NUMBER.padStart(9, '0'),"transactionAffiliation":"Main Website Store","transactionTotal":1195,"transactionSubTotal":1146,"transactionShipping":49,"transactionTax":239,"transactionCouponCode":"","transactionDiscount":0,"transactionProducts":[{"sku":"KB-1","name":"Kaffebryggare","price":473,"quantity":2},{"sku":"F-2","name":"Filter","price":200,"quantity":1}]});`,
    expected: { eventId: magentoIncrementId, ...SEK_1195 },
  },
  // PrestaShop ps_googleanalytics, commit 0354f5895afcf7c5017257a01b52613e5c7490d9:
  // classes/Hook/HookDisplayOrderConfirmation.php, classes/GoogleAnalyticsTools.php
  // renderPurchaseEvent() (int transaction_id, literal event_callback), views/templates/hook/ga_tag.tpl.
  'PrestaShop ps_googleanalytics': {
    source: 'PrestaShop/ps_googleanalytics @0354f589',
    script: `window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'G-TEST', {'debug_mode':false});
document.addEventListener('DOMContentLoaded', function() {
gtag("event", "add_payment_info", {"send_to": "G-TEST", "currency": "SEK", "value": 1195, "payment_type": "Bank wire", "items": [{"item_id":101,"item_name":"Kaffebryggare","affiliation":"Testbutiken","index":0,"price":473,"quantity":2},{"item_id":102,"item_name":"Filter","affiliation":"Testbutiken","index":0,"price":200,"quantity":1}]});
gtag("event", "purchase", {"send_to": "G-TEST", "transaction_id": Number(ORDER_NUMBER), "affiliation": "Testbutiken", "value": 1195, "tax": 239, "shipping": 49, "currency": "SEK", "items": [{"item_id":101,"item_name":"Kaffebryggare","affiliation":"Testbutiken","index":0,"price":473,"quantity":2},{"item_id":102,"item_name":"Filter","affiliation":"Testbutiken","index":0,"price":200,"quantity":1}], "event_callback": function() {
                window.psCallbackCalled = {"orderid":ORDER_NUMBER,"customer":7};
            }});
});`,
    expected: { eventId: same, ...SEK_1195 },
  },
  // Shopware 6 storefront, commit cfc087db92b7381885333c3035b8a034ec251bae:
  // plugin/google-analytics/events/purchase.event.js and line-item.helper.js read the finish
  // page's data-* attributes (component/checkout/hidden-line-items-information.html.twig)
  // through DomAccessHelper.getDataAttribute; legacy item keys id/name, currency per item.
  // The values are what DomAccessHelper.getDataAttribute() returns for each attribute: it
  // JSON-parses the text (after turning "1,5" into "1.5"), so digits become numbers and
  // anything else, such as the currency or the line item's id, stays a string.
  'Shopware 6 storefront': {
    source: 'shopware/shopware src/Storefront/Resources @cfc087db',
    body: `<p class="finish-ordernumber" data-order-number="ORDER">Your order number: ORDER</p>
<div class="d-none hidden-line-items-information" data-currency="SEK" data-shipping="49" data-value="1195" data-tax="239">
  <span class="hidden-line-item" data-id="0191c7a3e0f27a61b1e0f53c0c8b9a11" data-name="Kaffebryggare" data-quantity="2" data-price="473"></span>
  <span class="hidden-line-item" data-id="0191c7a3e0f27a61b1e0f53c0c8b9a12" data-name="Filter" data-quantity="1" data-price="200"></span>
</div>`,
    script: `window.dataLayer = window.dataLayer || [];
function gtag() { dataLayer.push(arguments); }
gtag('consent', 'default', { 'ad_user_data': 'denied', 'ad_storage': 'denied', 'ad_personalization': 'denied', 'analytics_storage': 'denied' });
function attribute(element, key) {
  var text = element.dataset[key];
  if (/^\\d+(.|,)\\d+$/.test(text)) text = text.replace(',', '.');
  try { return JSON.parse(text); } catch (error) { return text.toString(); }
}
document.addEventListener('DOMContentLoaded', function () {
  var container = document.querySelector('.hidden-line-items-information');
  var items = [];
  container.querySelectorAll('.hidden-line-item').forEach(function (item) {
    items.push({ id: attribute(item, 'id'), name: attribute(item, 'name'), quantity: attribute(item, 'quantity'),
      price: attribute(item, 'price'), currency: attribute(container, 'currency') });
  });
  gtag('event', 'purchase', Object.assign({
    'transaction_id': attribute(document.querySelector('.finish-ordernumber'), 'orderNumber'),
    'items': items,
  }, { currency: attribute(container, 'currency'), shipping: attribute(container, 'shipping'),
    value: attribute(container, 'value'), tax: attribute(container, 'tax') }));
});`,
    expected: { eventId: same, ...SEK_1195 },
  },
};
